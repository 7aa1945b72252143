package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Join attempts per source address: a burst, then one attempt per interval. Join is the one
 * call anyone may make, and each attempt costs a CSR parse, a token lookup and an audit line;
 * an address guessing tokens or flooding the log is slowed to a trickle while the others join
 * as usual.
 */
public final class JoinRateLimit {
    /** Enough for an operator's retries and for a few nodes behind one NAT address. */
    public static final int DEFAULT_BURST = 20;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(3);
    /** Beyond this many tracked addresses, the ones back at a full burst are forgotten. */
    private static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final int burst;
    private final long intervalMillis;
    /** Guarded by this. */
    private final Map<String, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long updatedMillis;

        Bucket(double tokens, long updatedMillis) {
            this.tokens = tokens;
            this.updatedMillis = updatedMillis;
        }
    }

    public JoinRateLimit(Clock clock) {
        this(clock, DEFAULT_BURST, DEFAULT_INTERVAL);
    }

    public JoinRateLimit(Clock clock, int burst, Duration interval) {
        this.clock = requireNonNull(clock, "clock is null");
        if (burst < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("burst must be at least 1 and interval positive");
        }
        this.burst = burst;
        this.intervalMillis = interval.toMillis();
    }

    /** Takes one attempt for {@code address}. @return empty if allowed, else how long until the next one is */
    public synchronized Optional<Duration> take(String address) {
        long now = clock.millis();
        if (buckets.size() >= MAX_ADDRESSES) {
            buckets.values().removeIf(bucket -> refilled(bucket, now) >= burst);
        }
        Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(burst, now));
        bucket.tokens = refilled(bucket, now);
        bucket.updatedMillis = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) Math.ceil((1 - bucket.tokens) * intervalMillis)));
    }

    private double refilled(Bucket bucket, long now) {
        return Math.min(burst, bucket.tokens + (double) (now - bucket.updatedMillis) / intervalMillis);
    }
}
