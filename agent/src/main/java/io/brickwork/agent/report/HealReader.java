package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.BrickHeal;
import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandTimeoutException;
import io.brickwork.proto.agent.v1.HealReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Heal counts of the volumes the coordinator gave this node ({@code volume heal VOLUME info
 * summary}), each volume its own part. One read of all of them runs on its own thread at a time.
 */
final class HealReader {
    static final String WHAT = "volume heal info summary";

    /** One volume's counts per brick. */
    record VolumeHeals(String volume, PartReading<List<HealReport>> counts) {
        VolumeHeals {
            requireNonNull(volume, "volume is null");
            requireNonNull(counts, "counts is null");
        }
    }

    /**
     * @param volumes every volume asked for, in order
     * @param errors lines for people: what failed, and bricks that gave no counts
     */
    record HealReadings(List<VolumeHeals> volumes, List<String> errors) {
        HealReadings {
            volumes = List.copyOf(volumes);
            errors = List.copyOf(errors);
        }
    }

    private final GlusterCli gluster;
    private final Duration timeout;
    private final OffThreadRead<HealReadings> reads;

    HealReader(GlusterCli gluster, Duration timeout) {
        this.gluster = requireNonNull(gluster, "gluster is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.reads = new OffThreadRead<>("heals", WHAT);
    }

    OffThreadRead<HealReadings>.Attempt attempt() {
        return reads.attempt();
    }

    /**
     * The volumes' counts, waited for until {@code deadline}; asked only of a glusterd whose own
     * state is known. Without glusterd's peer table the counts are unknown (or failed) like the peers.
     */
    HealReadings read(List<String> volumes, PartReading<?> glusterd, OffThreadRead<HealReadings>.Attempt attempt,
            Deadline deadline) throws InterruptedException {
        if (volumes.isEmpty()) {
            return new HealReadings(List.of(), List.of());
        }
        if (glusterd instanceof PartReading.Unknown<?> unknown) {
            return all(volumes, new PartReading.Unknown<>("not read: " + unknown.reason()), List.of());
        }
        if (glusterd instanceof PartReading.Failed<?> failed) {
            return all(volumes, new PartReading.Failed<>("not read: " + failed.reason()), List.of());
        }
        attempt.start(() -> readAll(volumes));
        Reading<HealReadings> reading = attempt.await(deadline).reading(WHAT);
        return reading.part().known().orElseGet(() -> all(volumes, missing(reading.part()), reading.errors()));
    }

    private static PartReading<List<HealReport>> missing(PartReading<HealReadings> part) {
        if (part instanceof PartReading.Failed<HealReadings> failed) {
            return new PartReading.Failed<>(failed.reason());
        }
        return new PartReading.Unknown<>(part.missingReason().orElseThrow());
    }

    private static HealReadings all(List<String> volumes, PartReading<List<HealReport>> counts, List<String> errors) {
        return new HealReadings(volumes.stream().map(volume -> new VolumeHeals(volume, counts)).toList(), errors);
    }

    /** A brick that could not be asked (it is down) has no counts: an error, not a zero. */
    private HealReadings readAll(List<String> volumes) throws InterruptedException {
        List<VolumeHeals> readings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String volume : volumes) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            try {
                List<HealReport> heals = new ArrayList<>();
                for (BrickHeal heal : gluster.healSummary(volume, timeout)) {
                    if (heal.counted()) {
                        heals.add(HealReport.newBuilder().setVolume(volume).setBrick(heal.brick())
                                .setPending(heal.pending().getAsLong()).setSplitBrain(heal.splitBrain().getAsLong())
                                .build());
                    } else {
                        errors.add("heal " + volume + " " + heal.brick() + ": " + heal.status());
                    }
                }
                readings.add(new VolumeHeals(volume, new PartReading.Known<>(heals)));
            } catch (CommandException e) {
                errors.add("heal " + volume + ": " + e.getMessage());
                readings.add(new VolumeHeals(volume, e instanceof CommandTimeoutException
                        ? new PartReading.Unknown<>(e.getMessage()) : new PartReading.Failed<>(e.getMessage())));
            }
        }
        return new HealReadings(readings, errors);
    }
}
