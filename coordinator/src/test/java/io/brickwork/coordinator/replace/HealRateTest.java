package io.brickwork.coordinator.replace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HealRateTest {
    @Test
    void theRateIsEntriesHealedSinceTheStartAndTheTimeLeftFollowsFromIt() {
        HealRate rate = HealRate.of(1000, 600, 20_000);

        assertEquals(20.0, rate.entriesPerSecond(), 1e-9);
        assertEquals(OptionalLong.of(30), rate.secondsLeft());
    }

    @Test
    void aBacklogThatHasNotShrunkHasNoRateYet() {
        assertEquals(OptionalLong.empty(), HealRate.of(1000, 1000, 20_000).secondsLeft());
        assertEquals(OptionalLong.empty(), HealRate.of(1000, 1200, 20_000).secondsLeft());
    }
}
