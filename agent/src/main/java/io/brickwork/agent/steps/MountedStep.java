package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.mount.MountEntry;
import io.brickwork.agent.mount.MountTable;
import io.brickwork.agent.mount.Mounter;
import io.brickwork.agent.ownership.NoSuchAccountException;
import io.brickwork.agent.ownership.Ownership;
import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency: mount runs only when the kernel shows no glusterfs mount of the source there,
 * and chown (of the mount root only, never recursive) only when owner or group differ, so a
 * second run only reads mountinfo and the root's owner.
 */
public final class MountedStep implements Step {
    private final String source;
    private final Path mountPoint;
    private final String owner;
    private final String group;
    private final MountTable mountTable;
    private final Mounter mounter;
    private final Ownership ownership;
    private final StepContext context;

    public MountedStep(String source, Path mountPoint, String owner, String group, MountTable mountTable,
            Mounter mounter, Ownership ownership, StepContext context) {
        this.source = requireNonNull(source, "source is null");
        this.mountPoint = requireNonNull(mountPoint, "mountPoint is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.group = requireNonNull(group, "group is null");
        this.mountTable = requireNonNull(mountTable, "mountTable is null");
        this.mounter = requireNonNull(mounter, "mounter is null");
        this.ownership = requireNonNull(ownership, "ownership is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws IOException {
        try {
            ownership.requireUser(owner);
            ownership.requireGroup(group);
            Optional<MountEntry> mounted = mountTable.at(mountPoint);
            if (mounted.isPresent() && !ours(mounted.get())) {
                return Check.refused(mounted.get() + " is mounted there already; unmount it by hand first");
            }
            if (mounted.isEmpty()) {
                return Check.needs(mountChanges());
            }
            if (ownership.ownedBy(mountPoint, owner, group)) {
                return Check.inSync(source + " is mounted on " + mountPoint + ", owned by " + owner + ":" + group);
            }
            return Check.needs("chown " + owner + ":" + group + " " + mountPoint + " (now "
                    + ownership.of(mountPoint) + ")");
        } catch (NoSuchAccountException e) {
            return Check.refused(e.getMessage());
        }
    }

    @Override
    public void apply() throws CommandException, IOException, StepFailedException, InterruptedException {
        if (mountTable.at(mountPoint).isEmpty()) {
            mount();
        }
        try {
            if (!ownership.ownedBy(mountPoint, owner, group)) {
                ownership.set(mountPoint, owner, group);
            }
        } catch (NoSuchAccountException e) {
            throw new StepFailedException(e.getMessage());
        }
    }

    @Override
    public Check verify() throws IOException {
        return check();
    }

    private void mount() throws CommandException, IOException, StepFailedException, InterruptedException {
        if (!Files.isDirectory(mountPoint)) {
            Files.createDirectories(mountPoint);
            Files.setPosixFilePermissions(mountPoint, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        mounter.mount(mountPoint, context.commandTimeout());
        // The fuse client may register the mount a moment after mount(8) returns.
        Optional<MountEntry> mounted = context.poll(() -> mountTable.at(mountPoint), Optional::isPresent);
        if (mounted.isEmpty()) {
            throw new StepFailedException("mount " + mountPoint + " succeeded but the kernel shows no mount there");
        }
        if (!ours(mounted.get())) {
            throw new StepFailedException("mount " + mountPoint + " mounted " + mounted.get() + ", not " + source
                    + "; check the /etc/fstab line for " + mountPoint);
        }
    }

    private List<String> mountChanges() {
        List<String> changes = new ArrayList<>();
        if (!Files.isDirectory(mountPoint)) {
            changes.add("create directory " + mountPoint);
        }
        changes.add("mount " + source + " on " + mountPoint);
        changes.add("make " + mountPoint + " owned by " + owner + ":" + group + " (mount root only)");
        return changes;
    }

    private boolean ours(MountEntry entry) {
        return entry.isGlusterfs() && entry.source().equals(source);
    }
}
