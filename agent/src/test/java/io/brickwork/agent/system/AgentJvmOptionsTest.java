package io.brickwork.agent.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The agent's JVM flags live in the systemd unit and, for starts without it, in the launcher.
 * After an OutOfMemoryError a JVM may limp on with threads dead and locks held; exiting lets
 * systemd (Restart=on-failure) start a clean agent.
 */
class AgentJvmOptionsTest {
    private static final Path REPO = Path.of("..");

    @Test
    void theUnitsJvmExitsOnOutOfMemoryErrorAndSystemdRestartsIt() throws IOException {
        String unit = Files.readString(REPO.resolve("systemd/brickwork-agent.service"));

        String options = unit.lines().filter(line -> line.startsWith("Environment=\"BRICKWORK_AGENT_JAVA_OPTS="))
                .findFirst().orElseThrow();
        assertTrue(options.contains(" -XX:+ExitOnOutOfMemoryError"), options);
        assertTrue(unit.lines().anyMatch(line -> line.equals("Restart=on-failure")), unit);
    }

    @Test
    void theLaunchersDefaultJvmExitsOnOutOfMemoryError() throws IOException {
        String launcher = Files.readString(REPO.resolve("packaging/bin/brickwork-agent"));

        String defaults = launcher.lines().filter(line -> line.startsWith("default_opts=")).findFirst().orElseThrow();
        assertTrue(defaults.contains(" -XX:+ExitOnOutOfMemoryError"), defaults);
    }
}
