package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When the node report goes out and how long it waits for what.
 *
 * @param interval how often a report goes out when the watch list does not say
 * @param checkInterval how often cheap local state (mounts, brick processes) is checked for a change
 * @param readWait how long one report waits for its reads; a read still running then is unknown in it
 * @param glusterTimeout the timeout of each gluster command a report runs (the CLI is killed after it)
 * @param mountProbeTimeout a stat of a watched mount point that takes longer reports the mount hung
 */
public record ReportSettings(Duration interval, Duration checkInterval, Duration readWait, Duration glusterTimeout,
        Duration mountProbeTimeout) {
    /** The shortest interval, whoever asks for it: the agent's settings or the coordinator's watch list. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    public ReportSettings {
        requirePositive(interval, "interval");
        requirePositive(checkInterval, "checkInterval");
        requirePositive(readWait, "readWait");
        requirePositive(glusterTimeout, "glusterTimeout");
        requirePositive(mountProbeTimeout, "mountProbeTimeout");
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
