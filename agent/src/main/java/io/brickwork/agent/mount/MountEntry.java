package io.brickwork.agent.mount;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** One line of /proc/self/mountinfo, the fields we use, unescaped. */
public record MountEntry(Path mountPoint, String fsType, String source) {
    /** What the kernel calls a glusterfs fuse mount. */
    public static final String GLUSTERFS = "fuse.glusterfs";

    public MountEntry {
        requireNonNull(mountPoint, "mountPoint is null");
        requireNonNull(fsType, "fsType is null");
        requireNonNull(source, "source is null");
    }

    public boolean isGlusterfs() {
        return fsType.equals(GLUSTERFS);
    }

    @Override
    public String toString() {
        return source + " (" + fsType + ") on " + mountPoint;
    }
}
