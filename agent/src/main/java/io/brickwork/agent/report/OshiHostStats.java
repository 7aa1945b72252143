package io.brickwork.agent.report;

import com.sun.jna.platform.linux.LibC;
import io.brickwork.proto.agent.v1.DiskReport;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import oshi.SystemInfo;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * Bytes from the JDK's FileStore and inodes from statvfs(2), each a call on the path itself and
 * nothing else. OSHI's file store list is not used for disks: it statvfs()es every mount, and
 * "fuse.glusterfs" is neither in its network nor its pseudo file system list, so a hung gluster
 * mount anywhere (seen in the lab while a peer was cut off) held every disk report. Load and
 * memory come from OSHI (/proc).
 */
public final class OshiHostStats implements HostStats {
    private final SystemInfo system = new SystemInfo();
    private final HardwareAbstractionLayer hardware = system.getHardware();

    @Override
    public DiskReport disk(Path path) throws IOException {
        FileStore store = Files.getFileStore(path);
        DiskReport.Builder report = DiskReport.newBuilder()
                .setPath(path.toString())
                .setTotalBytes(store.getTotalSpace())
                .setFreeBytes(store.getUsableSpace());
        LibC.Statvfs vfs = new LibC.Statvfs();
        if (LibC.INSTANCE.statvfs(path.toString(), vfs) == 0) {
            report.setInodesTotal(Math.max(0, vfs.f_files.longValue()))
                    .setInodesFree(Math.max(0, vfs.f_ffree.longValue()));
        }
        return report.build();
    }

    @Override
    public double load1() {
        return hardware.getProcessor().getSystemLoadAverage(1)[0];
    }

    @Override
    public Memory memory() {
        GlobalMemory memory = hardware.getMemory();
        return new Memory(memory.getTotal(), memory.getAvailable());
    }
}
