package io.brickwork.agent.services;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.CommandResult;
import io.brickwork.agent.system.CommandRunner;
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
import java.util.List;

/**
 * glusterd through systemctl. Debian 12's glusterfs-server ships {@code glusterd.service}
 * (the seed's "glusterfs-server" init script is from older releases).
 */
public final class SystemdGlusterd implements Glusterd {
    static final String UNIT = "glusterd";

    private final CommandRunner runner;
    private final Path systemdRuntime;
    private final Path socket;

    @Inject
    public SystemdGlusterd(CommandRunner runner, SystemPaths paths) {
        this.runner = requireNonNull(runner, "runner is null");
        this.systemdRuntime = requireNonNull(paths, "paths is null").systemdRuntime();
        this.socket = paths.glusterdSocket();
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
        CommandResult result = runner.run(List.of("systemctl", "enable", "--now", UNIT), timeout);
        if (!result.ok()) {
            throw new CommandFailedException(result);
        }
    }
}
