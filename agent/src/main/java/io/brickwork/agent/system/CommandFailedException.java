package io.brickwork.agent.system;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/** The command ran and reported failure; the result says how. */
public class CommandFailedException extends CommandException {
    private final CommandResult result;

    public CommandFailedException(String message, CommandResult result) {
        super(message, requireNonNull(result, "result is null").argv());
        this.result = result;
    }

    public CommandFailedException(CommandResult result) {
        this(describe(result), result);
    }

    public CommandResult result() {
        return result;
    }

    @Override
    public OptionalInt exitCode() {
        return OptionalInt.of(result.exitCode());
    }

    @Override
    public String stderr() {
        return result.stderr();
    }

    /** "gluster exited 1: Connection failed..." — some tools (gluster) explain themselves on stdout. */
    private static String describe(CommandResult result) {
        String explanation = result.stderr().isBlank() ? result.stdout() : result.stderr();
        String firstLine = explanation.strip().lines().findFirst().orElse("");
        return result.argv().get(0) + " exited " + result.exitCode() + (firstLine.isEmpty() ? "" : ": " + firstLine);
    }
}
