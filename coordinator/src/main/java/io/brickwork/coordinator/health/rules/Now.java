package io.brickwork.coordinator.health.rules;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The moment a status is evaluated at, measured in report intervals. Rules ask it questions
 * rather than read the time, and it notes until when each answer it gave holds: that is how a
 * memo knows, without knowing any rule, how long a rule's verdict stays true while its inputs do.
 *
 * <p>Not thread-safe: one per evaluation (or per rule application inside a memo).
 */
public final class Now {
    /** How long a last known value still counts: as long as a report would before its node is DOWN. */
    private static final int COUNTS_FOR_INTERVALS = 3;

    private final long millis;
    private final Duration reportInterval;
    private long answersHoldUntil = Long.MAX_VALUE;

    public Now(long millis, Duration reportInterval) {
        this.millis = millis;
        this.reportInterval = requireNonNull(reportInterval, "reportInterval is null");
    }

    /** Whether more than {@code intervals} report intervals have passed since {@code sinceMillis}. */
    public boolean moreThanIntervalsSince(int intervals, long sinceMillis) {
        long last = sinceMillis + intervals * reportInterval.toMillis();
        if (millis > last) {
            return true;
        }
        holdUntil(last + 1);
        return false;
    }

    /** Whole seconds since {@code sinceMillis}; 0 for a moment not yet reached. */
    public long secondsSince(long sinceMillis) {
        long seconds = Math.max(0, (millis - sinceMillis) / 1000);
        holdUntil(sinceMillis + (seconds + 1) * 1000);
        return seconds;
    }

    /** Whether a last known value read at {@code readMillis} still counts; one never read (0) does not. */
    public boolean counts(long readMillis) {
        return readMillis > 0 && !moreThanIntervalsSince(COUNTS_FOR_INTERVALS, readMillis);
    }

    /** The same moment, with answers of its own: for a memo that keeps one rule's answers. */
    public Now fork() {
        return new Now(millis, reportInterval);
    }

    /** For a memo: the moment itself. Rules ask the questions above instead. */
    public long millis() {
        return millis;
    }

    /** The first moment at which an answer given so far could be different. */
    public long answersHoldUntil() {
        return answersHoldUntil;
    }

    /** Notes that an answer given (here or by a memo on this moment's behalf) holds only until {@code until}. */
    public void holdUntil(long until) {
        answersHoldUntil = Math.min(answersHoldUntil, until);
    }
}
