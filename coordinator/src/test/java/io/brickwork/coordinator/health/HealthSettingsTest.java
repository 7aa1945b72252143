package io.brickwork.coordinator.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.brickwork.common.config.SettingsException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthSettingsTest {
    private static HealthSettings load(String hocon) {
        return HealthSettings.from(ConfigFactory.parseString(hocon)
                .withFallback(ConfigFactory.defaultReference().getConfig("brickwork.coordinator")));
    }

    @Test
    void agentsReportEveryFiveSecondsByDefault() {
        assertEquals(new HealthSettings(Duration.ofSeconds(5)), load(""));
    }

    @Test
    void keys() {
        assertEquals(new HealthSettings(Duration.ofSeconds(2)), load("report-interval = 2s"));
    }

    @Test
    void reportIntervalBelow100msIsAProblem() {
        SettingsException e = assertThrows(SettingsException.class, () -> load("report-interval = 10ms"));

        assertTrue(e.problems().get(0).startsWith("brickwork.coordinator.report-interval"), e.numbered());
    }
}
