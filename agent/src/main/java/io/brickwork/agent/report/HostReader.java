package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.agent.v1.DiskReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Disks of "/" and of every watched brick, load and memory. A disk that cannot be read is left out and said. */
final class HostReader {
    static final String WHAT = "disk, load and memory";
    private static final Path ROOT = Path.of("/");

    /** @param errors one line for each disk that could not be read */
    record HostFacts(List<DiskReport> disks, double load1, HostStats.Memory memory, List<String> errors) {
        HostFacts {
            disks = List.copyOf(disks);
            requireNonNull(memory, "memory is null");
            errors = List.copyOf(errors);
        }
    }

    private final HostStats host;
    private final OffThreadRead<HostFacts> reads = new OffThreadRead<>("host", WHAT);

    HostReader(HostStats host) {
        this.host = requireNonNull(host, "host is null");
    }

    OffThreadRead<HostFacts>.Attempt attempt() {
        return reads.attempt();
    }

    /**
     * Starts the read unless the previous one still runs: false then, which means the disk read
     * hangs (a statvfs of a hung file system does not return).
     */
    boolean start(OffThreadRead<HostFacts>.Attempt attempt, List<String> brickPaths) {
        List<String> paths = List.copyOf(brickPaths);
        return attempt.start(() -> read(paths));
    }

    /** The read started by {@link #start}, waited for until {@code deadline}. */
    Reading<HostFacts> await(OffThreadRead<HostFacts>.Attempt attempt, Deadline deadline) throws InterruptedException {
        return reading(attempt.await(deadline));
    }

    private HostFacts read(List<String> brickPaths) {
        List<String> errors = new ArrayList<>();
        List<DiskReport> disks = new ArrayList<>();
        Set<Path> paths = new LinkedHashSet<>();
        paths.add(ROOT);
        paths.addAll(WatchEntries.paths(brickPaths));
        for (Path path : paths) {
            try {
                disks.add(host.disk(path));
            } catch (IOException e) {
                errors.add("disk " + path + ": " + e.getMessage());
            }
        }
        return new HostFacts(disks, host.load1(), host.memory(), errors);
    }

    /** The host part of one report: the read's own errors, or the disks that could not be read. */
    static Reading<HostFacts> reading(ReadOutcome<HostFacts> outcome) {
        Reading<HostFacts> reading = outcome.reading(WHAT);
        return reading.part().known().map(facts -> Reading.known(facts, facts.errors())).orElse(reading);
    }
}
