package io.brickwork.agent.mount;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An in-memory mount table; tests mount things into it (often from a fake mount command). */
public final class FakeMountTable implements MountTable {
    private final List<MountEntry> entries = new ArrayList<>();

    @Override
    public synchronized List<MountEntry> mounts() {
        return List.copyOf(entries);
    }

    public synchronized void mount(String source, Path mountPoint, String fsType) {
        entries.add(new MountEntry(mountPoint, fsType, source));
    }

    /** The topmost mount on {@code mountPoint} goes, as umount(8) does. */
    public synchronized void unmount(Path mountPoint) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).mountPoint().equals(mountPoint)) {
                entries.remove(i);
                return;
            }
        }
    }

    public void mountGlusterfs(String source, Path mountPoint) {
        mount(source, mountPoint, MountEntry.GLUSTERFS);
    }
}
