package io.brickwork.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.proto.agent.v1.DiskReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs against this machine: the numbers vary, their relations do not. */
class OshiHostStatsTest {
    private final OshiHostStats stats = new OshiHostStats();

    @Test
    void rootDiskHasBytesAndInodes() throws Exception {
        DiskReport root = stats.disk(Path.of("/"));

        assertEquals("/", root.getPath());
        assertTrue(root.getTotalBytes() > 0 && root.getFreeBytes() <= root.getTotalBytes(), root::toString);
        assertTrue(root.getInodesFree() <= root.getInodesTotal(), root::toString);
        // Some file systems (btrfs) have no fixed inode count and say 0; the ones the lab and CI run on do not.
        assertTrue(root.getInodesTotal() > 0, root::toString);
    }

    @Test
    void memoryAvailableIsAtMostTotal() {
        HostStats.Memory memory = stats.memory();

        assertTrue(memory.totalBytes() > 0 && memory.availableBytes() <= memory.totalBytes(), memory::toString);
    }
}
