package io.brickwork.agent.gateway;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff
 * and Jitter"): after the n-th failure wait a random time in [min, min(max, min * 2^n)].
 * Jitter keeps dozens of agents from reconnecting in lockstep after a coordinator restart.
 */
public final class Backoff {
    private final Duration min;
    private final Duration max;
    private final DoubleSupplier random;
    private int failures;

    public Backoff(Duration min, Duration max, DoubleSupplier random) {
        this.min = requireNonNull(min, "min is null");
        this.max = requireNonNull(max, "max is null");
        this.random = requireNonNull(random, "random is null");
    }

    public synchronized Duration next() {
        long ceiling = min.toMillis() << Math.min(failures, 20);
        ceiling = Math.min(Math.max(ceiling, min.toMillis()), max.toMillis());
        failures++;
        long wait = min.toMillis() + (long) (random.getAsDouble() * (ceiling - min.toMillis()));
        return Duration.ofMillis(wait);
    }

    public synchronized void reset() {
        failures = 0;
    }
}
