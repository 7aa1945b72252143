package io.brickwork.coordinator.health.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every answer notes the first moment it could be different: that is what the memo relies on. */
class NowTest {
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    @Test
    void notYetMoreThanIntervalsHoldsUntilTheMillisecondAfterTheLimit() {
        Now now = new Now(10_000, INTERVAL);

        assertFalse(now.moreThanIntervalsSince(2, 0));
        assertEquals(10_001, now.answersHoldUntil());
        assertTrue(new Now(10_001, INTERVAL).moreThanIntervalsSince(2, 0));
    }

    @Test
    void moreThanIntervalsHoldsForGood() {
        Now now = new Now(10_001, INTERVAL);

        assertTrue(now.moreThanIntervalsSince(2, 0));
        assertEquals(Long.MAX_VALUE, now.answersHoldUntil());
    }

    @Test
    void wholeSecondsHoldUntilTheNextSecond() {
        Now now = new Now(12_345, INTERVAL);

        assertEquals(12, now.secondsSince(0));
        assertEquals(13_000, now.answersHoldUntil());
    }

    @Test
    void aValueNeverReadDoesNotCountAtAnyTime() {
        Now now = new Now(12_345, INTERVAL);

        assertFalse(now.counts(0));
        assertEquals(Long.MAX_VALUE, now.answersHoldUntil());
    }

    @Test
    void theEarliestMomentOfAllAnswersIsKept() {
        Now now = new Now(12_345, INTERVAL);

        now.secondsSince(0);
        now.counts(12_000);

        assertEquals(13_000, now.answersHoldUntil());
    }
}
