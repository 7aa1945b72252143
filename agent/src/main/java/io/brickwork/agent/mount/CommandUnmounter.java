package io.brickwork.agent.mount;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.CommandResult;
import io.brickwork.agent.system.CommandRunner;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code umount [-l] MOUNTPOINT}: by mount point, so only the topmost mount there goes. */
public final class CommandUnmounter implements Unmounter {
    private final CommandRunner runner;

    @Inject
    public CommandUnmounter(CommandRunner runner) {
        this.runner = requireNonNull(runner, "runner is null");
    }

    @Override
    public void unmount(Path mountPoint, boolean lazy, Duration timeout) throws CommandException {
        List<String> argv = new ArrayList<>(List.of("umount"));
        if (lazy) {
            argv.add("-l");
        }
        argv.add(mountPoint.toString());
        CommandResult result = runner.run(argv, timeout);
        if (!result.ok()) {
            throw new CommandFailedException(result);
        }
    }
}
