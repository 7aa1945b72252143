package io.brickwork.coordinator.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.brickwork.common.config.SettingsException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {
    private static GatewaySettings load(String hocon) {
        return GatewaySettings.from(ConfigFactory.parseString(hocon)
                .withFallback(ConfigFactory.defaultReference().getConfig("brickwork.coordinator")));
    }

    @Test
    void defaults() {
        assertEquals(new GatewaySettings(Duration.ofSeconds(5), Duration.ofSeconds(5)), load(""));
    }

    @Test
    void keys() {
        assertEquals(Duration.ofSeconds(2), load("heartbeat-interval = 2s").heartbeatInterval());
    }

    @Test
    void aHeartbeatBelow100msIsAProblemNamingTheKey() {
        SettingsException e = assertThrows(SettingsException.class, () -> load("heartbeat-interval = 50ms"));

        assertEquals(List.of("brickwork.coordinator.heartbeat-interval = PT0.05S: must be at least 100ms"),
                e.problems());
    }
}
