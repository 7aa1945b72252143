package io.brickwork.agent.report;

import io.brickwork.proto.agent.v1.DiskReport;
import java.io.IOException;
import java.nio.file.Path;

/** Disk, load and memory of this machine. */
public interface HostStats {
    /** The file system {@code path} lives on. */
    DiskReport disk(Path path) throws IOException;

    double load1();

    Memory memory();

    record Memory(long totalBytes, long availableBytes) {}
}
