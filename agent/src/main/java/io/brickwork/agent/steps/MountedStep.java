package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.directories.Directories;
import io.brickwork.agent.directories.UnsafePathException;
import io.brickwork.agent.mount.MountEntry;
import io.brickwork.agent.mount.MountTable;
import io.brickwork.agent.mount.Mounter;
import io.brickwork.agent.ownership.NoSuchAccountException;
import io.brickwork.agent.ownership.Ownership;
import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency: mount runs only when the kernel shows no glusterfs mount of the source there,
 * and chown (of the mount root only, never recursive) only when owner or group differ, so a
 * second run only reads mountinfo and the root's owner.
 *
 * <p>The mount point is created and chowned on directory handles walked from /, never through a
 * symlink, and it is refused when it lies on a glusterfs mount (anyone who writes to that volume
 * could swap a segment of the path between the check and mount(8)).
 */
public final class MountedStep implements Step {
    static final int MOUNT_POINT_MODE = 0755;

    private final String source;
    private final Path mountPoint;
    private final String owner;
    private final String group;
    private final MountTable mountTable;
    private final Mounter mounter;
    private final Ownership ownership;
    private final Directories directories;
    private final StepContext context;

    public MountedStep(String source, Path mountPoint, String owner, String group, MountTable mountTable,
            Mounter mounter, Ownership ownership, Directories directories, StepContext context) {
        this.source = requireNonNull(source, "source is null");
        this.mountPoint = requireNonNull(mountPoint, "mountPoint is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.group = requireNonNull(group, "group is null");
        this.mountTable = requireNonNull(mountTable, "mountTable is null");
        this.mounter = requireNonNull(mounter, "mounter is null");
        this.ownership = requireNonNull(ownership, "ownership is null");
        this.directories = requireNonNull(directories, "directories is null");
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
            Optional<String> above = aboveRefusal();
            if (above.isPresent()) {
                return Check.refused(above.get());
            }
            if (mounted.isEmpty()) {
                try {
                    directories.open(mountPoint).close();
                } catch (NoSuchFileException e) {
                    // Created on apply.
                }
                return Check.needs(mountChanges());
            }
            try (Directories.Handle root = directories.open(mountPoint)) {
                if (ownership.ownedBy(root, owner, group)) {
                    return Check.inSync(source + " is mounted on " + mountPoint + ", owned by " + owner + ":" + group);
                }
                return Check.needs("chown " + owner + ":" + group + " " + mountPoint + " (now "
                        + ownership.of(root) + ")");
            }
        } catch (NoSuchAccountException | UnsafePathException e) {
            return Check.refused(e.getMessage());
        }
    }

    @Override
    public void apply() throws CommandException, IOException, StepFailedException, InterruptedException {
        Optional<String> above = aboveRefusal();
        if (above.isPresent()) {
            throw new StepFailedException(above.get());
        }
        try {
            if (mountTable.at(mountPoint).isEmpty()) {
                mount();
            }
            // The mount root is reached again from /, on handles: chown acts on what was opened.
            try (Directories.Handle root = directories.open(mountPoint)) {
                if (!ownership.ownedBy(root, owner, group)) {
                    ownership.set(root, owner, group);
                }
            }
        } catch (NoSuchAccountException | UnsafePathException e) {
            throw new StepFailedException(e.getMessage());
        }
    }

    @Override
    public Check verify() throws IOException {
        return check();
    }

    private void mount() throws CommandException, IOException, StepFailedException, InterruptedException {
        // The mount point exists as a real directory, no segment a link.
        directories.openOrCreate(mountPoint, MOUNT_POINT_MODE).close();
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

    /**
     * mount(8) resolves the mount point by name; below a glusterfs mount, whoever writes to that
     * volume could change what the name leads to between the check and the mount.
     */
    private Optional<String> aboveRefusal() throws IOException {
        return mountTable.glusterfsAbove(mountPoint).map(above -> mountPoint + " lies on " + above
                + "; whoever writes to that volume could swap the path for a link, so it is not mounted there");
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
