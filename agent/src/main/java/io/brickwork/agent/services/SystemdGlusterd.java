package io.brickwork.agent.services;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.actions.ActionSettings;
import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.CommandResult;
import io.brickwork.agent.system.CommandRunner;
import io.brickwork.agent.system.CommandTimeoutException;
import io.brickwork.agent.system.SystemPaths;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * glusterd through systemctl. Debian 12's glusterfs-server ships {@code glusterd.service}
 * (the seed's "glusterfs-server" init script is from older releases). Without systemd the
 * agent starts no daemon, unless its settings say it may restart glusterd itself: then it
 * stops the process named in glusterd's pid file and runs {@code glusterd -p PIDFILE}, as the
 * unit does.
 */
public final class SystemdGlusterd implements Glusterd {
    static final String UNIT = "glusterd";

    private final CommandRunner runner;
    private final Path systemdRuntime;
    private final Path socket;
    /** Where glusterd writes its pid: beside its socket, as the unit's {@code -p /run/glusterd.pid}. */
    private final Path pidFile;
    private final boolean restartUnmanaged;

    public SystemdGlusterd(CommandRunner runner, SystemPaths paths) {
        this(runner, paths, false);
    }

    @Inject
    public SystemdGlusterd(CommandRunner runner, SystemPaths paths, ActionSettings settings) {
        this(runner, paths, settings.restartUnmanagedGlusterd());
    }

    public SystemdGlusterd(CommandRunner runner, SystemPaths paths, boolean restartUnmanaged) {
        this.runner = requireNonNull(runner, "runner is null");
        this.systemdRuntime = requireNonNull(paths, "paths is null").systemdRuntime();
        this.socket = paths.glusterdSocket();
        this.pidFile = socket.resolveSibling("glusterd.pid");
        this.restartUnmanaged = restartUnmanaged;
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

    /**
     * A connect and nothing else: no request, so glusterd does no work and logs nothing (each
     * gluster CLI call costs ~60 ms of CPU and a line in glusterd.log). A socket file left by a
     * dead glusterd refuses the connection. Non-blocking, so a full backlog answers "cannot
     * tell" at once instead of waiting.
     */
    @Override
    public boolean listening() {
        return knock() == Knock.ACCEPTED;
    }

    @Override
    public boolean refusing() {
        return knock() == Knock.REFUSED;
    }

    private enum Knock { ACCEPTED, REFUSED, CANNOT_TELL }

    /** One connect to glusterd's socket: a missing socket file refuses like one nobody listens on. */
    private Knock knock() {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return Knock.REFUSED;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.configureBlocking(false);
            return channel.connect(UnixDomainSocketAddress.of(socket)) ? Knock.ACCEPTED : Knock.CANNOT_TELL;
        } catch (ConnectException e) {
            return Knock.REFUSED;
        } catch (IOException | UnsupportedOperationException e) {
            return Knock.CANNOT_TELL;
        }
    }

    @Override
    public void enableNow(Duration timeout) throws CommandException {
        systemctl(timeout, "enable", "--now", UNIT);
    }

    @Override
    public boolean restartable() {
        return systemdManaged() || restartUnmanaged;
    }

    @Override
    public void stop(Duration timeout) throws CommandException, InterruptedException {
        if (systemdManaged()) {
            systemctl(timeout, "stop", UNIT);
            return;
        }
        requireRestartable();
        Optional<ProcessHandle> process = glusterdProcess();
        if (process.isEmpty()) {
            return;
        }
        process.get().destroy();
        try {
            process.get().onExit().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new CommandTimeoutException(List.of("kill", "-TERM", Long.toString(process.get().pid())), timeout,
                    "glusterd did not exit");
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for glusterd to exit failed", e);
        }
    }

    @Override
    public void start(Duration timeout) throws CommandException {
        if (systemdManaged()) {
            systemctl(timeout, "start", UNIT);
            return;
        }
        requireRestartable();
        CommandResult result = runner.run(List.of("glusterd", "-p", pidFile.toString()), timeout);
        if (!result.ok()) {
            throw new CommandFailedException(result);
        }
    }

    private void requireRestartable() {
        if (!restartUnmanaged) {
            throw new IllegalStateException("glusterd is not managed by systemd here and the agent may not restart it"
                    + " (restart-unmanaged-glusterd = false)");
        }
    }

    @Override
    public Optional<Instant> startedAt() {
        return glusterdProcess().flatMap(process -> process.info().startInstant());
    }

    /**
     * The live glusterd its pid file names (the unit's {@code -p} and the agent's own start write
     * the same file); empty when there is none, a pid reused by another program included.
     */
    private Optional<ProcessHandle> glusterdProcess() {
        String text;
        try {
            text = Files.readString(pidFile).strip();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!text.matches("[1-9][0-9]{0,9}")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(text))
                .filter(handle -> handle.info().command().map(command -> command.endsWith("/glusterd")
                        || command.endsWith("/glusterfsd")).orElse(false));
    }

    private void systemctl(Duration timeout, String... arguments) throws CommandException {
        List<String> argv = new ArrayList<>(List.of("systemctl"));
        argv.addAll(List.of(arguments));
        CommandResult result = runner.run(argv, timeout);
        if (!result.ok()) {
            throw new CommandFailedException(result);
        }
    }
}
