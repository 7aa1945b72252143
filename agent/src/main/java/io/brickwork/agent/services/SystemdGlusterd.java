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

/**
 * glusterd through systemctl. Debian 12's glusterfs-server ships {@code glusterd.service}
 * (the seed's "glusterfs-server" init script is from older releases).
 */
public final class SystemdGlusterd implements Glusterd {
    static final String UNIT = "glusterd";

    private final CommandRunner runner;
    private final Path systemdRuntime;

    @Inject
    public SystemdGlusterd(CommandRunner runner, SystemPaths paths) {
        this.runner = requireNonNull(runner, "runner is null");
        this.systemdRuntime = requireNonNull(paths, "paths is null").systemdRuntime();
    }

    @Override
    public boolean systemdManaged() {
        return Files.isDirectory(systemdRuntime);
    }

    /** is-enabled and is-active answer with their exit code: 0 yes, anything else no. */
    @Override
    public boolean enabled(Duration timeout) throws CommandException {
        return runner.run(List.of("systemctl", "is-enabled", UNIT), timeout).ok();
    }

    @Override
    public boolean active(Duration timeout) throws CommandException {
        return runner.run(List.of("systemctl", "is-active", UNIT), timeout).ok();
    }

    @Override
    public void enableNow(Duration timeout) throws CommandException {
        CommandResult result = runner.run(List.of("systemctl", "enable", "--now", UNIT), timeout);
        if (!result.ok()) {
            throw new CommandFailedException(result);
        }
    }
}
