package io.brickwork.agent.services;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.CommandResult;
import io.brickwork.agent.system.CommandRunner;
import io.brickwork.agent.system.SystemPaths;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@link SystemdManager} through systemctl. */
public final class SystemctlManager implements SystemdManager {
    private final CommandRunner runner;
    private final Path systemdRuntime;

    @Inject
    public SystemctlManager(CommandRunner runner, SystemPaths paths) {
        this.runner = requireNonNull(runner, "runner is null");
        this.systemdRuntime = requireNonNull(paths, "paths is null").systemdRuntime();
    }

    @Override
    public boolean systemdManaged() {
        return Files.isDirectory(systemdRuntime);
    }

    @Override
    public void daemonReload(Duration timeout) throws CommandException {
        CommandResult result = runner.run(List.of("systemctl", "daemon-reload"), timeout);
        if (!result.ok()) {
            throw new CommandFailedException(result);
        }
    }
}
