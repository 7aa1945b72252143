package io.brickwork.agent.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void ceilingDoublesPerFailureUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 1.0);

        assertEquals(100, backoff.next().toMillis());
        assertEquals(200, backoff.next().toMillis());
        assertEquals(400, backoff.next().toMillis());
        assertEquals(800, backoff.next().toMillis());
        assertEquals(1000, backoff.next().toMillis());
        assertEquals(1000, backoff.next().toMillis());
    }

    @Test
    void jitterSpreadsTheWaitBetweenTheMinimumAndTheCeiling() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.0);
        backoff.next();
        backoff.next();

        assertEquals(100, backoff.next().toMillis());
    }

    @Test
    void resetStartsOverAfterASuccessfulConnection() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 1.0);
        backoff.next();
        backoff.next();
        backoff.next();

        backoff.reset();

        assertEquals(100, backoff.next().toMillis());
    }
}
