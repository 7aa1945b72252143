package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.system.Ticker;
import java.time.Duration;
import java.time.Instant;

/**
 * The end of a wait shared by several reads: each waits for what is left of it.
 *
 * @param whole the wait from its start, named when a read did not answer within it
 */
record Deadline(Ticker ticker, Instant at, Duration whole) {
    Deadline {
        requireNonNull(ticker, "ticker is null");
        requireNonNull(at, "at is null");
        requireNonNull(whole, "whole is null");
    }

    /** A wait of {@code whole} from now. */
    static Deadline in(Duration whole, Ticker ticker) {
        return new Deadline(ticker, ticker.now().plus(whole), whole);
    }

    /** Never more than the whole wait: the ticker is wall-clock time, which may step back. */
    Duration left() {
        Duration left = Duration.between(ticker.now(), at);
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(whole) > 0 ? whole : left;
    }
}
