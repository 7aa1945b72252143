package io.brickwork.agent.mount;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What is mounted where, as the kernel sees it for this process's mount namespace. */
public interface MountTable {
    /** In mount order: a later entry for the same mount point is stacked on top of an earlier one. */
    List<MountEntry> mounts() throws IOException;

    /** The mount visible at exactly {@code mountPoint} (the topmost), if any. */
    default Optional<MountEntry> at(Path mountPoint) throws IOException {
        Optional<MountEntry> top = Optional.empty();
        for (MountEntry entry : mounts()) {
            if (entry.mountPoint().equals(mountPoint)) {
                top = Optional.of(entry);
            }
        }
        return top;
    }

    /**
     * A glusterfs mount strictly above {@code path}, if any. Whoever can write to a volume can
     * put symlinks there, so a path below one is never a place to mount or create things as root.
     */
    default Optional<MountEntry> glusterfsAbove(Path path) throws IOException {
        for (MountEntry entry : mounts()) {
            if (entry.isGlusterfs() && !entry.mountPoint().equals(path) && path.startsWith(entry.mountPoint())) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }
}
