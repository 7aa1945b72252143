package io.brickwork.agent.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs one program with an argv list (never through a shell) and a timeout. A non-zero exit is
 * a result, not an exception: each caller knows which exit codes mean what for its program.
 */
public interface CommandRunner {
    /**
     * @param environment the command's environment besides a fixed {@code PATH} and {@code LC_ALL=C};
     *        nothing of the agent's own environment is passed on
     * @throws CommandTimeoutException the command ran past {@code timeout} and was killed with its descendants
     * @throws CommandInterruptedException the calling thread was interrupted; the command was killed
     */
    CommandResult run(List<String> argv, Map<String, String> environment, Duration timeout)
            throws CommandTimeoutException, CommandInterruptedException;

    default CommandResult run(List<String> argv, Duration timeout)
            throws CommandTimeoutException, CommandInterruptedException {
        return run(argv, Map.of(), timeout);
    }
}
