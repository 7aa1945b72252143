package io.brickwork.coordinator.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.brickwork.common.config.SettingsException;
import io.brickwork.coordinator.plan.StepTimeouts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplySettingsTest {
    private static ApplySettings load(String hocon) {
        return ApplySettings.from(ConfigFactory.parseString(hocon)
                .withFallback(ConfigFactory.defaultReference().getConfig("brickwork.coordinator")));
    }

    @Test
    void defaults() {
        assertEquals(new ApplySettings(new StepTimeouts(Duration.ofSeconds(60), Duration.ofMinutes(15),
                Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(2)), Duration.ofSeconds(30)), load(""));
    }

    @Test
    void keys() {
        assertEquals(new ApplySettings(new StepTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(5)), Duration.ofSeconds(6)),
                load("step-timeouts { standard = 1s, packages = 2s, peers = 3s, volume = 4s, mount = 5s }\n"
                        + "verify-timeout = 6s"));
    }

    @Test
    void aStepTimeoutBelowOneSecondIsAProblemNamingItsKind() {
        SettingsException e = assertThrows(SettingsException.class, () -> load("step-timeouts.volume = 500ms"));

        assertEquals(List.of("brickwork.coordinator.step-timeouts.volume = PT0.5S: must be at least 1s"),
                e.problems());
    }
}
