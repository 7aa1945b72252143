package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.directories.Directories;
import io.brickwork.agent.directories.Directories.Entry;
import io.brickwork.agent.directories.UnsafePathException;
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
 * to them would write there, nor when the mount point lies on another glusterfs mount. Each path
 * is walked segment by segment on open directory handles, from / down, and a symlink anywhere is
 * refused; every change acts on a handle, so a segment swapped for a link after the check
 * cannot lead the agent outside the volume. Missing parents are
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
        Optional<MountEntry> above = mountTable.glusterfsAbove(mountPoint);
        if (above.isPresent()) {
            return Check.refused(aboveRefusal(above.get()));
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
        try (Directories.Handle root = directories.open(mountPoint)) {
            for (Wanted directory : wanted) {
                ownership.requireUser(directory.owner());
                ownership.requireGroup(directory.group());
                changes.addAll(walk(root, directory));
            }
        } catch (NoSuchAccountException | UnsafePathException e) {
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
        // Re-checked here: the mount may have gone since check().
        Optional<String> refusal = mountRefusal();
        if (refusal.isPresent()) {
            throw new StepFailedException(refusal.get());
        }
        try (Directories.Handle root = directories.open(mountPoint)) {
            for (Wanted directory : wanted) {
                ensure(root, directory);
            }
        } catch (NoSuchAccountException | UnsafePathException e) {
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
        return mountTable.glusterfsAbove(mountPoint).map(this::aboveRefusal);
    }

    private String aboveRefusal(MountEntry above) {
        return mountPoint + " lies on " + above + "; whoever writes to that volume could swap the path for a link";
    }

    private boolean ours(MountEntry entry) {
        return entry.isGlusterfs() && entry.source().equals(source);
    }

    /**
     * What the directory and its parents lack. Each segment is looked at in the handle of its
     * parent; a symlink or other non-directory throws {@link UnsafePathException}.
     */
    private List<String> walk(Directories.Handle root, Wanted directory)
            throws IOException, NoSuchAccountException {
        List<String> changes = new ArrayList<>();
        String[] segments = directory.path().split("/");
        Directories.Handle current = root;
        try {
            for (int i = 0; i < segments.length; i++) {
                boolean last = i == segments.length - 1;
                Path shown = current.path().resolve(segments[i]);
                Entry entry = current.inspect(segments[i]);
                if (entry instanceof Entry.Symlink link) {
                    throw new UnsafePathException(shown, "is a symlink (to " + link.target()
                            + "); application directories never follow links");
                }
                if (entry instanceof Entry.NotDirectory other) {
                    throw new UnsafePathException(shown, "exists and is " + other.kind());
                }
                if (entry instanceof Entry.Missing) {
                    for (int j = i; j < segments.length; j++) {
                        shown = j == i ? shown : shown.resolve(segments[j]);
                        changes.add("create " + shown + (j == segments.length - 1 ? " owned by " + directory.owner()
                                + ":" + directory.group() + " mode " + octal(directory.mode())
                                : " (parent, root 0755)"));
                    }
                    break;
                }
                Directories.Handle child = current.openChild(segments[i]);
                closeUnlessRoot(current, root);
                current = child;
                if (last) {
                    Entry.Directory existing = current.attributes();
                    if (!ownership.ownedBy(current, directory.owner(), directory.group())) {
                        changes.add("chown " + directory.owner() + ":" + directory.group() + " " + shown + " (now "
                                + ownership.of(current) + ")");
                    }
                    if (existing.mode() != directory.mode()) {
                        changes.add("chmod " + octal(directory.mode()) + " " + shown + " (now "
                                + octal(existing.mode()) + ")");
                    }
                }
            }
        } finally {
            closeUnlessRoot(current, root);
        }
        return changes;
    }

    /** Creates what is missing, then sets owner and mode, all on handles opened from {@code root}. */
    private void ensure(Directories.Handle root, Wanted directory)
            throws IOException, StepFailedException, NoSuchAccountException {
        String[] segments = directory.path().split("/");
        Directories.Handle current = root;
        try {
            for (int i = 0; i < segments.length; i++) {
                boolean last = i == segments.length - 1;
                Directories.Handle child = current.inspect(segments[i]) instanceof Entry.Missing
                        ? current.createChild(segments[i], last ? directory.mode() : PARENT_MODE)
                        : current.openChild(segments[i]);
                closeUnlessRoot(current, root);
                current = child;
            }
            if (!ownership.ownedBy(current, directory.owner(), directory.group())) {
                ownership.set(current, directory.owner(), directory.group());
            }
            // After chown, which may clear setuid and setgid.
            if (current.attributes().mode() != directory.mode()) {
                current.setMode(directory.mode());
            }
        } finally {
            closeUnlessRoot(current, root);
        }
    }

    private static void closeUnlessRoot(Directories.Handle handle, Directories.Handle root) throws IOException {
        if (handle != root) {
            handle.close();
        }
    }

    static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
