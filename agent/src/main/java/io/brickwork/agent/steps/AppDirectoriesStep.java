package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.directories.Directories;
import io.brickwork.agent.directories.Directories.Entry;
import io.brickwork.agent.mount.MountEntry;
import io.brickwork.agent.mount.MountTable;
import io.brickwork.agent.ownership.NoSuchAccountException;
import io.brickwork.agent.ownership.Ownership;
import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Application directories on a mounted volume. Idempotency: a directory is created only when
 * missing, chowned only when its owner or group differ and chmodded only when its mode differs,
 * so a second run only reads.
 *
 * <p>Nothing is created unless the mount point is a live fuse.glusterfs mount of the volume:
 * under an unmounted /mnt the directories would land on the local disk, and a container bound
 * to them would write there. Each path is walked segment by segment without following links,
 * and a symlink anywhere is refused, so no path leads outside the volume. Missing parents are
 * created root-owned with mode 0755, as {@code mkdir -p} would; owner, group and mode are the
 * last segment's.
 *
 * <p>With {@code verifyOnly} (every node but the one that creates) nothing is created: the step
 * waits until the directories are visible here as specified.
 */
public final class AppDirectoriesStep implements Step {
    static final int PARENT_MODE = 0755;

    /** One directory to ensure, its path relative to the mount point. */
    public record Wanted(String path, String owner, String group, int mode) {
        public Wanted {
            requireNonNull(path, "path is null");
            requireNonNull(owner, "owner is null");
            requireNonNull(group, "group is null");
        }
    }

    private final String source;
    private final Path mountPoint;
    private final List<Wanted> wanted;
    private final boolean verifyOnly;
    private final MountTable mountTable;
    private final Directories directories;
    private final Ownership ownership;
    private final StepContext context;

    public AppDirectoriesStep(String source, Path mountPoint, List<Wanted> wanted, boolean verifyOnly,
            MountTable mountTable, Directories directories, Ownership ownership, StepContext context) {
        this.source = requireNonNull(source, "source is null");
        this.mountPoint = requireNonNull(mountPoint, "mountPoint is null");
        this.wanted = List.copyOf(wanted);
        this.verifyOnly = verifyOnly;
        this.mountTable = requireNonNull(mountTable, "mountTable is null");
        this.directories = requireNonNull(directories, "directories is null");
        this.ownership = requireNonNull(ownership, "ownership is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws IOException {
        Optional<MountEntry> mounted = mountTable.at(mountPoint);
        if (mounted.isPresent() && !ours(mounted.get())) {
            return Check.refused(mounted.get() + " is mounted there, not " + source + " (" + MountEntry.GLUSTERFS + ")");
        }
        if (mounted.isEmpty()) {
            // A plan runs before the mount phase has mounted anything; apply fails if it is still missing.
            List<String> changes = new ArrayList<>();
            for (Wanted directory : wanted) {
                changes.add((verifyOnly ? "see " : "create ") + mountPoint.resolve(directory.path()) + " owned by "
                        + directory.owner() + ":" + directory.group() + " mode " + octal(directory.mode()) + " once "
                        + source + " is mounted on " + mountPoint);
            }
            return Check.needs(changes);
        }
        List<String> changes = new ArrayList<>();
        try {
            for (Wanted directory : wanted) {
                ownership.requireUser(directory.owner());
                ownership.requireGroup(directory.group());
                Walk walk = walk(directory);
                if (walk.refusal().isPresent()) {
                    return Check.refused(walk.refusal().get());
                }
                changes.addAll(walk.changes());
            }
        } catch (NoSuchAccountException e) {
            return Check.refused(e.getMessage());
        }
        if (changes.isEmpty()) {
            return Check.inSync(wanted.size() + " application director" + (wanted.size() == 1 ? "y" : "ies")
                    + " on " + mountPoint + " as specified");
        }
        if (verifyOnly) {
            return Check.needs("wait until visible from this node: " + String.join("; ", changes));
        }
        return Check.needs(changes);
    }

    @Override
    public void apply() throws CommandException, IOException, StepFailedException, InterruptedException {
        if (verifyOnly) {
            Check seen = context.poll(this::check, check -> !(check instanceof Check.NeedsChange));
            if (seen instanceof Check.NeedsChange needs) {
                throw new StepFailedException("application directories not visible on " + mountPoint + " in time: "
                        + String.join("; ", needs.changes()));
            }
            return;
        }
        // Re-checked here: the mount may have gone, or a link appeared, since check().
        Optional<String> refusal = mountRefusal();
        if (refusal.isPresent()) {
            throw new StepFailedException(refusal.get());
        }
        try {
            for (Wanted directory : wanted) {
                ensure(directory);
            }
        } catch (NoSuchAccountException e) {
            throw new StepFailedException(e.getMessage());
        }
    }

    @Override
    public Check verify() throws IOException {
        return check();
    }

    private Optional<String> mountRefusal() throws IOException {
        Optional<MountEntry> mounted = mountTable.at(mountPoint);
        if (mounted.isEmpty()) {
            return Optional.of(mountPoint + " is not mounted; application directories are only created on the mounted"
                    + " volume, never on the local disk under it");
        }
        if (!ours(mounted.get())) {
            return Optional.of(mounted.get() + " is mounted there, not " + source + " (" + MountEntry.GLUSTERFS + ")");
        }
        return Optional.empty();
    }

    private boolean ours(MountEntry entry) {
        return entry.isGlusterfs() && entry.source().equals(source);
    }

    /** What the directory and its parents lack, or why they cannot be touched. */
    private record Walk(List<String> changes, Optional<String> refusal) {}

    private Walk walk(Wanted directory) throws IOException, NoSuchAccountException {
        List<String> changes = new ArrayList<>();
        Path current = mountPoint;
        String[] segments = directory.path().split("/");
        for (int i = 0; i < segments.length; i++) {
            current = current.resolve(segments[i]);
            boolean last = i == segments.length - 1;
            Entry entry = directories.inspect(current);
            if (entry instanceof Entry.Symlink link) {
                return new Walk(changes, Optional.of(current + " is a symlink (to " + link.target()
                        + "); application directories never follow links"));
            }
            if (entry instanceof Entry.NotDirectory other) {
                return new Walk(changes, Optional.of(current + " exists and is " + other.kind()));
            }
            if (entry instanceof Entry.Missing) {
                changes.add("create " + current + (last ? " owned by " + directory.owner() + ":" + directory.group()
                        + " mode " + octal(directory.mode()) : " (parent, root 0755)"));
                if (last) {
                    break;
                }
                continue;
            }
            if (last) {
                Entry.Directory existing = (Entry.Directory) entry;
                if (!ownership.ownedBy(current, directory.owner(), directory.group())) {
                    changes.add("chown " + directory.owner() + ":" + directory.group() + " " + current + " (now "
                            + ownership.of(current) + ")");
                }
                if (existing.mode() != directory.mode()) {
                    changes.add("chmod " + octal(directory.mode()) + " " + current + " (now " + octal(existing.mode()) + ")");
                }
            }
        }
        return new Walk(changes, Optional.empty());
    }

    private void ensure(Wanted directory) throws IOException, StepFailedException, NoSuchAccountException {
        Path current = mountPoint;
        String[] segments = directory.path().split("/");
        for (int i = 0; i < segments.length; i++) {
            current = current.resolve(segments[i]);
            boolean last = i == segments.length - 1;
            Entry entry = directories.inspect(current);
            if (entry instanceof Entry.Symlink link) {
                throw new StepFailedException(current + " is a symlink (to " + link.target() + "); refusing to follow it");
            }
            if (entry instanceof Entry.NotDirectory other) {
                throw new StepFailedException(current + " exists and is " + other.kind());
            }
            if (entry instanceof Entry.Missing) {
                directories.create(current, last ? directory.mode() : PARENT_MODE);
            }
        }
        if (!ownership.ownedBy(current, directory.owner(), directory.group())) {
            ownership.set(current, directory.owner(), directory.group());
        }
        // After chown, which clears setuid and setgid.
        Entry leaf = directories.inspect(current);
        if (!(leaf instanceof Entry.Directory existing)) {
            throw new StepFailedException(current + " changed while it was being created");
        }
        if (existing.mode() != directory.mode()) {
            directories.setMode(current, directory.mode());
        }
    }

    static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
