package io.brickwork.agent.system;

import java.util.List;
import java.util.OptionalInt;

/** The waiting thread was interrupted (agent shutting down); the command was killed. */
public final class CommandInterruptedException extends CommandException {
    public CommandInterruptedException(List<String> argv) {
        super(argv.get(0) + " was killed because the agent is stopping", argv);
    }

    @Override
    public OptionalInt exitCode() {
        return OptionalInt.empty();
    }

    @Override
    public String stderr() {
        return "";
    }
}
