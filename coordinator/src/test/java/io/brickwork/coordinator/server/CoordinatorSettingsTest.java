package io.brickwork.coordinator.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.common.config.SettingsException;
import io.brickwork.common.config.SettingsLoader;
import io.brickwork.common.net.HostPort;
import java.time.Duration;
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
    void agentsReportEveryFiveSecondsByDefault() {
        assertEquals(Duration.ofSeconds(5), load().reportInterval());
    }

    @Test
    void metricsAreNotOpenToTheNetworkByDefault() {
        assertEquals(Optional.of(new HostPort("127.0.0.1", 9443)), load().metricsListen());
    }

    @Test
    void aStolenAdminCertificateLivesThirtyDaysAtMostByDefault() {
        assertEquals(Duration.ofDays(30), load().tls().adminCertificateValidity());
    }

    @Test
    void metricsCanBeServedOnANetworkAddressWhenConfigured() {
        assertEquals(Optional.of(new HostPort("0.0.0.0", 9443)), load("metrics-listen", "0.0.0.0:9443").metricsListen());
    }

    @Test
    void emptyMetricsAddressTurnsTheEndpointOff() {
        assertEquals(Optional.empty(), load("metrics-listen", "").metricsListen());
    }

    @Test
    void metricsAddressWithoutPortIsAProblemNamingTheKey() {
        SettingsException e = assertThrows(SettingsException.class, () -> load("metrics-listen", "localhost"));

        assertTrue(e.problems().get(0).startsWith("brickwork.coordinator.metrics-listen = 'localhost'"), e.numbered());
    }

    @Test
    void reportIntervalBelow100msIsAProblem() {
        SettingsException e = assertThrows(SettingsException.class, () -> load("report-interval", "10ms"));

        assertTrue(e.problems().get(0).startsWith("brickwork.coordinator.report-interval"), e.numbered());
    }
}
