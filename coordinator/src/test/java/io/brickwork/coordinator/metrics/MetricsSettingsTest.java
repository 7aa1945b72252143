package io.brickwork.coordinator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.brickwork.common.config.SettingsException;
import io.brickwork.common.net.HostPort;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsSettingsTest {
    private static MetricsSettings load(String hocon) {
        return MetricsSettings.from(ConfigFactory.parseString(hocon)
                .withFallback(ConfigFactory.defaultReference().getConfig("brickwork.coordinator")));
    }

    @Test
    void metricsAreServedOnLoopbackPort9443ByDefault() {
        assertEquals(new MetricsSettings(Optional.of(new HostPort("127.0.0.1", 9443))), load(""));
    }

    @Test
    void keys() {
        assertEquals(new MetricsSettings(Optional.of(new HostPort("127.0.0.1", 9100))),
                load("metrics-listen = \"127.0.0.1:9100\""));
    }

    @Test
    void emptyMetricsAddressTurnsTheEndpointOff() {
        assertEquals(Optional.empty(), load("metrics-listen = \"\"").listen());
    }

    @Test
    void metricsAddressWithoutPortIsAProblemNamingTheKey() {
        SettingsException e = assertThrows(SettingsException.class, () -> load("metrics-listen = localhost"));

        assertTrue(e.problems().get(0).startsWith("brickwork.coordinator.metrics-listen = 'localhost'"), e.numbered());
    }
}
