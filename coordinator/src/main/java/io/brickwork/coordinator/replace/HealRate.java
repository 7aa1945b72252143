package io.brickwork.coordinator.replace;

import java.util.OptionalLong;

/**
 * Entries healed per second since the wait began, and the time left at that rate. Pure; the
 * rate is unknown until the backlog has shrunk at least once.
 */
public record HealRate(double entriesPerSecond, OptionalLong secondsLeft) {
    public static HealRate of(long firstPending, long pendingNow, long elapsedMillis) {
        if (elapsedMillis <= 0 || pendingNow >= firstPending) {
            return new HealRate(0, OptionalLong.empty());
        }
        double rate = (firstPending - pendingNow) * 1000.0 / elapsedMillis;
        return new HealRate(rate, OptionalLong.of((long) Math.ceil(pendingNow / rate)));
    }
}
