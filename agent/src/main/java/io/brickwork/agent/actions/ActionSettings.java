package io.brickwork.agent.actions;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long actions may take.
 *
 * @param commandTimeout for one command, when the request's own deadline does not say less;
 *     also how long waits last for a request without a deadline
 * @param packageInstallTimeout for apt-get, which may download
 * @param pollInterval how often waits re-read state
 */
public record ActionSettings(Duration commandTimeout, Duration packageInstallTimeout, Duration pollInterval) {
    public ActionSettings {
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(packageInstallTimeout, "packageInstallTimeout");
        requirePositive(pollInterval, "pollInterval");
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
