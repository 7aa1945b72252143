package io.brickwork.coordinator.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brickwork.common.config.SettingsException;
import io.brickwork.common.config.SettingsLoader;
import io.brickwork.common.net.HostPort;
import io.brickwork.coordinator.swarm.SwarmSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CoordinatorSettingsTest {
    private static CoordinatorSettings load(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty("brickwork.coordinator." + keyValues[i], keyValues[i + 1]);
        }
        return CoordinatorSettings.from(SettingsLoader.load("brickwork.coordinator", Optional.empty(), properties));
    }

    @Test
    void everyPartIsReadFromTheOneSection() {
        CoordinatorSettings settings = load();

        assertEquals(new HostPort("0.0.0.0", 7443), settings.server().listen());
        assertEquals(Path.of("/var/lib/brickwork"), settings.security().stateDir());
        assertEquals(Duration.ofSeconds(5), settings.gateway().heartbeatInterval());
        assertEquals(Duration.ofSeconds(5), settings.health().reportInterval());
        assertEquals(Duration.ofSeconds(30), settings.apply().verifyTimeout());
        assertEquals(Path.of("/var/lib/brickwork"), settings.api().stateDir());
        assertEquals(Optional.of(new HostPort("127.0.0.1", 9443)), settings.metrics().listen());
        assertEquals(SwarmSettings.disabled(), settings.swarm());
    }

    @Test
    void metricsAreNotOpenToTheNetworkByDefault() {
        assertEquals(Optional.of(new HostPort("127.0.0.1", 9443)), load().metrics().listen());
    }

    @Test
    void aStolenAdminCertificateLivesThirtyDaysAtMostByDefault() {
        assertEquals(Duration.ofDays(30), load().security().tls().adminCertificateValidity());
    }

    @Test
    void metricsCanBeServedOnANetworkAddressWhenConfigured() {
        assertEquals(Optional.of(new HostPort("0.0.0.0", 9443)),
                load("metrics-listen", "0.0.0.0:9443").metrics().listen());
    }

    @Test
    void problemsOfEveryPartAreReportedTogether() {
        SettingsException e = assertThrows(SettingsException.class, () -> load(
                "listen", "nowhere", "report-interval", "10ms", "metrics-listen", "localhost",
                "swarm.timeout", "1ms"));

        assertEquals(List.of(
                "brickwork.coordinator.listen = 'nowhere': must be host:port",
                "brickwork.coordinator.report-interval = PT0.01S: must be at least 100ms",
                "brickwork.coordinator.metrics-listen = 'localhost': must be host:port, or \"\" for no metrics endpoint",
                "brickwork.coordinator.swarm.timeout = PT0.001S: must be at least 100ms"), e.problems());
    }

    @Test
    void aKeyTwoPartsReadIsReportedOnce() {
        SettingsException e = assertThrows(SettingsException.class, () -> load("state-dir", "var/lib/brickwork"));

        assertEquals(1, e.problems().size(), e.numbered());
        assertEquals("brickwork.coordinator.state-dir = 'var/lib/brickwork': must be an absolute path",
                e.problems().get(0));
    }
}
