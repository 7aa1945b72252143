package io.brickwork.agent.system;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/**
 * A command did not do what its caller needed. Carries what a person needs to see it for
 * themselves: the argv, the exit code if there was one, and stderr.
 */
public abstract class CommandException extends Exception {
    private final List<String> argv;

    protected CommandException(String message, List<String> argv) {
        super(requireNonNull(message, "message is null"));
        this.argv = List.copyOf(requireNonNull(argv, "argv is null"));
    }

    public List<String> argv() {
        return argv;
    }

    /** Empty when the command never exited on its own (timeout, interruption). */
    public abstract OptionalInt exitCode();

    public abstract String stderr();
}
