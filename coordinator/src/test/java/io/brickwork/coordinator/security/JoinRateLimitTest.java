package io.brickwork.coordinator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JoinRateLimitTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final JoinRateLimit limit = new JoinRateLimit(clock, 3, Duration.ofSeconds(2));

    @Test
    void anAddressGuessingTokensIsSlowedToOneAttemptPerIntervalAfterItsBurst() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limit.take("203.0.113.9"));
        }

        assertEquals(Optional.of(Duration.ofSeconds(2)), limit.take("203.0.113.9"));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Optional.empty(), limit.take("203.0.113.9"));
        assertTrue(limit.take("203.0.113.9").isPresent());
    }

    @Test
    void oneFloodingAddressDoesNotSlowTheOthers() {
        for (int i = 0; i < 10; i++) {
            limit.take("203.0.113.9");
        }

        assertEquals(Optional.empty(), limit.take("10.0.0.3"));
    }
}
