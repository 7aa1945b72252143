package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * @param interval how often a report goes out when the watch list does not say
 * @param checkPeriod how often cheap local state (mounts, brick processes) is checked for a change
 * @param readWait how long one report waits for its reads; a read still running then is named in errors
 * @param glusterTimeout the timeout of each gluster command (the CLI is killed after it)
 */
public record ReportTiming(Duration interval, Duration checkPeriod, Duration readWait, Duration glusterTimeout) {
    public ReportTiming {
        requireNonNull(interval, "interval is null");
        requireNonNull(checkPeriod, "checkPeriod is null");
        requireNonNull(readWait, "readWait is null");
        requireNonNull(glusterTimeout, "glusterTimeout is null");
    }
}
