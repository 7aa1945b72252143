package io.brickwork.agent.services;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.agent.system.SystemPaths;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdGlusterdTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @TempDir
    Path dir;

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void systemdManagesServicesOnlyWhenItsRuntimeDirectoryExists() throws IOException {
        assertFalse(glusterd().systemdManaged());

        Files.createDirectories(dir.resolve("run/systemd/system"));

        assertTrue(glusterd().systemdManaged());
    }

    @Test
    void asksSystemctlWhetherGlusterdIsEnabledAndActive() throws CommandException {
        runner.expect("systemctl", "is-enabled", "glusterd").stdout("enabled\n");
        runner.expect("systemctl", "is-active", "glusterd").exits(3).stdout("inactive\n");

        assertTrue(glusterd().enabled(TIMEOUT));
        assertFalse(glusterd().active(TIMEOUT));
    }

    @Test
    void enablesAndStartsInOneCommand() throws CommandException {
        runner.expect("systemctl", "enable", "--now", "glusterd");

        glusterd().enableNow(TIMEOUT);
    }

    @Test
    void aFailedEnableIsAnError() {
        runner.expect("systemctl", "enable", "--now", "glusterd").exits(1)
                .stderr("Failed to enable unit: Unit file glusterd.service is masked.\n");

        assertThrows(CommandFailedException.class, () -> glusterd().enableNow(TIMEOUT));
    }

    @Test
    void listeningIsAConnectThatGlusterdsSocketAccepts() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(dir.resolve("glusterd.socket")));

            assertTrue(glusterd().listening());
        }
    }

    @Test
    void noSocketOrOneLeftByADeadGlusterdIsNotListening() throws IOException {
        assertFalse(glusterd().listening(), "no socket file");

        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(dir.resolve("glusterd.socket")));
        }
        assertTrue(Files.exists(dir.resolve("glusterd.socket")), "closing a server leaves its socket file");

        assertFalse(glusterd().listening(), "a socket file nobody listens on refuses the connection");
    }

    @Test
    void refusingIsOnlyAMissingSocketOrOneNobodyListensOn() throws IOException {
        assertTrue(glusterd().refusing(), "no socket file");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(dir.resolve("glusterd.socket")));

            assertFalse(glusterd().refusing(), "listening");
        }
        assertTrue(glusterd().refusing(), "a socket file nobody listens on");
    }

    private SystemdGlusterd glusterd() {
        return new SystemdGlusterd(runner, new SystemPaths(dir.resolve("hosts"), dir.resolve("fstab"),
                dir.resolve("mountinfo"), dir.resolve("run/systemd/system"), dir.resolve("glusterd.socket")));
    }
}
