package io.brickwork.agent.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A /proc laid out in a temporary directory: its links lead to real files, so their device
 * numbers are real; the "mount" is the temporary directory's filesystem, and /proc (procfs)
 * stands for another one.
 */
class ProcMountUsersTest {
    @TempDir
    Path dir;

    @Test
    void theProcessesWithAWorkingDirectoryOrAnOpenFileOnTheMountAreFoundAndNoOther() throws IOException {
        Path mounted = Files.createDirectories(dir.resolve("volume/d1"));
        Path file = Files.writeString(mounted.resolve("f1"), "data");
        Path proc = dir.resolve("proc");
        process(proc, 300, "cat", Path.of("/proc"), file);
        process(proc, 100, "sleep", mounted, null);
        process(proc, 200, "bash", Path.of("/proc"), Path.of("/proc/self/status"));
        Path mountinfo = Files.writeString(dir.resolve("mountinfo"), mountinfo(mounted, "/mnt/gfs"));

        List<MountUser> users = new ProcMountUsers(mountinfo, proc).of(Path.of("/mnt/gfs"));

        assertEquals(List.of(new MountUser(100, "sleep"), new MountUser(300, "cat")), users);
    }

    @Test
    void nothingMountedThereHasNoUsers() throws IOException {
        Path proc = dir.resolve("proc");
        process(proc, 100, "sleep", dir, null);
        Path mountinfo = Files.writeString(dir.resolve("mountinfo"), mountinfo(dir, "/mnt/other"));

        assertEquals(List.of(), new ProcMountUsers(mountinfo, proc).of(Path.of("/mnt/gfs")));
    }

    @Test
    void theTopmostMountsDeviceCountsAndEscapedMountPointsAreRead() {
        String info = "36 35 0:40 / /mnt/my\\040gfs rw - fuse.glusterfs localhost:/gfs rw\n"
                + "37 36 259:1048577 / /mnt/my\\040gfs rw - ext4 /dev/x rw\n";

        assertEquals(OptionalLong.of(ProcMountUsers.makedev(259, 1048577)),
                ProcMountUsers.device(info, Path.of("/mnt/my gfs")));
        assertEquals(OptionalLong.empty(), ProcMountUsers.device(info, Path.of("/mnt/gfs")));
        assertEquals(40, ProcMountUsers.makedev(0, 40));
    }

    private static void process(Path proc, int pid, String command, Path cwd, Path openFile) throws IOException {
        Path process = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(process.resolve("comm"), command + "\n");
        Files.createSymbolicLink(process.resolve("cwd"), cwd);
        Path fds = Files.createDirectories(process.resolve("fd"));
        if (openFile != null) {
            Files.createSymbolicLink(fds.resolve("3"), openFile);
        }
    }

    /** One mountinfo line with the device of {@code on}'s filesystem, as if mounted at {@code mountPoint}. */
    private static String mountinfo(Path on, String mountPoint) throws IOException {
        long device = (Long) Files.getAttribute(on, "unix:dev");
        long major = ((device >>> 32) & 0xfffff000L) | ((device >>> 8) & 0xfffL);
        long minor = ((device >>> 12) & 0xffffff00L) | (device & 0xffL);
        return "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
                + "36 22 " + major + ":" + minor + " / " + mountPoint + " rw - fuse.glusterfs localhost:/gfs rw\n";
    }
}
