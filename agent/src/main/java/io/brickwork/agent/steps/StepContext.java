package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The time budget of one request. A request's deadline (when it has one) bounds every command
 * and every wait; without one, each command gets its own timeout and waits last one command
 * timeout.
 */
public record StepContext(Ticker ticker, Optional<Instant> deadline, Duration commandTimeout,
        Duration packageInstallTimeout, Duration pollInterval) {
    /** The shortest timeout handed to a command, so an almost-spent deadline still lets it try. */
    private static final Duration MINIMUM = Duration.ofMillis(1);

    public StepContext {
        requireNonNull(ticker, "ticker is null");
        requireNonNull(deadline, "deadline is null");
        requireNonNull(commandTimeout, "commandTimeout is null");
        requireNonNull(packageInstallTimeout, "packageInstallTimeout is null");
        requireNonNull(pollInterval, "pollInterval is null");
    }

    /** For a command that should be quick (gluster, systemctl, mount, getfattr, dpkg-query). */
    public Duration commandTimeout() {
        return capped(commandTimeout);
    }

    /** For apt-get, which may download. */
    public Duration packageInstallTimeout() {
        return capped(packageInstallTimeout);
    }

    /** Something a wait re-reads; it may run commands and read files. */
    @FunctionalInterface
    public interface Reading<T> {
        T read() throws CommandException, IOException;
    }

    /**
     * Reads until {@code done} holds or the wait is over.
     *
     * @return the last value read, done or not: the caller says what was still missing
     */
    public <T> T poll(Reading<T> reading, Predicate<T> done)
            throws CommandException, IOException, InterruptedException {
        return poll(reading, done, pollInterval);
    }

    /**
     * Like {@link #poll(Reading, Predicate)}, but the first re-read comes after {@code first} and
     * the pauses double up to the poll interval: for reads that cost next to nothing (a file on
     * a mount) and usually succeed at once or very soon.
     */
    public <T> T pollQuickly(Reading<T> reading, Predicate<T> done, Duration first)
            throws CommandException, IOException, InterruptedException {
        return poll(reading, done, first.compareTo(pollInterval) < 0 ? first : pollInterval);
    }

    private <T> T poll(Reading<T> reading, Predicate<T> done, Duration first)
            throws CommandException, IOException, InterruptedException {
        Instant end = deadline.orElse(ticker.now().plus(commandTimeout));
        Duration pause = first;
        T value = reading.read();
        while (!done.test(value)) {
            Duration left = Duration.between(ticker.now(), end);
            if (left.isNegative() || left.isZero()) {
                return value;
            }
            ticker.sleep(left.compareTo(pause) < 0 ? left : pause);
            pause = pause.multipliedBy(2).compareTo(pollInterval) < 0 ? pause.multipliedBy(2) : pollInterval;
            value = reading.read();
        }
        return value;
    }

    private Duration capped(Duration timeout) {
        if (deadline.isEmpty()) {
            return timeout;
        }
        Duration left = Duration.between(ticker.now(), deadline.get());
        Duration capped = left.compareTo(timeout) < 0 ? left : timeout;
        return capped.compareTo(MINIMUM) < 0 ? MINIMUM : capped;
    }
}
