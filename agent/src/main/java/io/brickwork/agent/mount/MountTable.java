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
}
