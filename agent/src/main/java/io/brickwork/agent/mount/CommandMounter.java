package io.brickwork.agent.mount;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.CommandResult;
import io.brickwork.agent.system.CommandRunner;
import io.brickwork.common.validation.MountOptions;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code mount -o nosuid,nodev MOUNTPOINT}: only the mount point is given, so the fstab line
 * (source, type, options) is what gets used, as at boot; {@code -o} adds nosuid and nodev to it
 * even if that line lost them.
 */
public final class CommandMounter implements Mounter {
    private final CommandRunner runner;

    @Inject
    public CommandMounter(CommandRunner runner) {
        this.runner = requireNonNull(runner, "runner is null");
    }

    @Override
    public void mount(Path mountPoint, Duration timeout) throws CommandException {
        CommandResult result = runner.run(List.of("mount", "-o", String.join(",", MountOptions.ALWAYS), mountPoint.toString()), timeout);
        if (!result.ok()) {
            throw new CommandFailedException(result);
        }
    }
}
