package io.brickwork.agent.mount;

import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.system.SystemPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcMountTableTest {
    @TempDir
    Path dir;

    @Test
    void findsTheGlusterfsFuseMountInRealMountinfo() throws IOException {
        MountTable table = tableWith(sample("mountinfo-node1.txt"));

        Optional<MountEntry> gfs = table.at(Path.of("/mnt/gfs"));

        assertEquals(Optional.of(new MountEntry(Path.of("/mnt/gfs"), "fuse.glusterfs", "localhost:/gfs")), gfs);
        assertTrue(gfs.get().isGlusterfs());
    }

    @Test
    void seesBindMountedFilesAsMountsToo() throws IOException {
        MountTable table = tableWith(sample("mountinfo-node1.txt"));

        assertEquals("ext4", table.at(Path.of("/etc/hosts")).orElseThrow().fsType());
    }

    @Test
    void reportsNothingForAPlainDirectory() throws IOException {
        MountTable table = tableWith(sample("mountinfo-node1.txt"));

        assertEquals(Optional.empty(), table.at(Path.of("/mnt/other")));
    }

    @Test
    void unescapesOctalEscapesInMountPointAndSource() {
        List<MountEntry> entries = ProcMountTable.parse(
                "300 69 0:50 / /mnt/with\\040space rw,relatime - fuse.glusterfs node\\1341:/gfs rw\n");

        assertEquals(List.of(new MountEntry(Path.of("/mnt/with space"), "fuse.glusterfs", "node\\1:/gfs")), entries);
    }

    @Test
    void handlesOptionalFieldsBeforeTheSeparator() {
        List<MountEntry> entries = ProcMountTable.parse(
                "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 shared:7 - ext3 /dev/root rw,errors=continue\n");

        assertEquals(List.of(new MountEntry(Path.of("/mnt2"), "ext3", "/dev/root")), entries);
    }

    @Test
    void theTopmostOfStackedMountsIsTheVisibleOne() throws IOException {
        MountTable table = tableWith("""
                100 1 0:1 / /mnt/gfs rw - tmpfs tmpfs rw
                101 100 0:2 / /mnt/gfs rw - fuse.glusterfs localhost:/gfs rw
                """);

        assertEquals("fuse.glusterfs", table.at(Path.of("/mnt/gfs")).orElseThrow().fsType());
    }

    private MountTable tableWith(String mountinfo) throws IOException {
        Path file = Files.writeString(dir.resolve("mountinfo"), mountinfo);
        return new ProcMountTable(new SystemPaths(dir.resolve("hosts"), dir.resolve("fstab"), file, dir.resolve("sd"),
                dir.resolve("glusterd.socket")));
    }
}
