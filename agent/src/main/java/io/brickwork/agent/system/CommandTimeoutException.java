package io.brickwork.agent.system;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * The command was killed because it ran past its timeout. It may still have had its effect
 * (a gluster create can commit just before the CLI gives up), so callers re-read state.
 */
public final class CommandTimeoutException extends CommandException {
    private final Duration timeout;
    private final String stderr;

    public CommandTimeoutException(List<String> argv, Duration timeout, String stderr) {
        super(argv.get(0) + " did not finish within " + timeout.toMillis() + "ms and was killed", argv);
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.stderr = requireNonNull(stderr, "stderr is null");
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public OptionalInt exitCode() {
        return OptionalInt.empty();
    }

    @Override
    public String stderr() {
        return stderr;
    }
}
