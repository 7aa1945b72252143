package io.brickwork.agent.report;

import io.brickwork.proto.agent.v1.DiskReport;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import oshi.SystemInfo;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OSFileStore;

/**
 * Bytes from the JDK's FileStore (one statvfs of the path itself); inodes from OSHI, whose
 * file store list holds only local file systems, so a hung network mount is never touched.
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
        mountOf(path.toRealPath()).ifPresent(fs -> report
                .setInodesTotal(Math.max(0, fs.getTotalInodes()))
                .setInodesFree(Math.max(0, fs.getFreeInodes())));
        return report.build();
    }

    /** The local file system with the longest mount point that contains {@code path}. */
    private Optional<OSFileStore> mountOf(Path path) {
        OSFileStore best = null;
        int bestLength = -1;
        for (OSFileStore store : system.getOperatingSystem().getFileSystem().getFileStores(true)) {
            Path mount = Path.of(store.getMount());
            if (path.startsWith(mount) && mount.getNameCount() > bestLength) {
                best = store;
                bestLength = mount.getNameCount();
            }
        }
        return Optional.ofNullable(best);
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
