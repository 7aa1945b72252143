package io.brickwork.coordinator.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.brickwork.common.config.SettingsException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SwarmSettingsTest {
    @Test
    void offByDefault() {
        SwarmSettings settings = SwarmSettings.from(ConfigFactory.defaultReference().getConfig("brickwork.coordinator.swarm"));

        assertEquals(new SwarmSettings(Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(10)), settings);
    }

    @Test
    void aUnixSocketTurnsItOn() {
        SwarmSettings settings = SwarmSettings.from(ConfigFactory.parseString("docker-host = \"unix:///run/docker.sock\"")
                .withFallback(ConfigFactory.defaultReference().getConfig("brickwork.coordinator.swarm")));

        assertEquals(Optional.of("unix:///run/docker.sock"), settings.dockerHost());
    }

    @Test
    void aHostThatIsNoDockerAddressIsRefusedNamingTheKey() {
        SettingsException e = assertThrows(SettingsException.class, () -> SwarmSettings.from(ConfigFactory
                .parseString("docker-host = \"/run/docker.sock\", reconcile-interval = 1ms")
                .withFallback(ConfigFactory.defaultReference().getConfig("brickwork.coordinator.swarm"))));

        assertTrue(e.getMessage().contains("brickwork.coordinator.swarm.docker-host = '/run/docker.sock'"), e.getMessage());
        assertTrue(e.getMessage().contains("reconcile-interval"), e.getMessage());
    }
}
