package io.brickwork.coordinator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.brickwork.common.config.SettingsException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {
    private static ApiSettings load(String hocon) {
        return ApiSettings.from(ConfigFactory.parseString(hocon)
                .withFallback(ConfigFactory.defaultReference().getConfig("brickwork.coordinator")));
    }

    @Test
    void theSpecInForceIsKeptInTheStateDirectoryByDefault() {
        assertEquals(new ApiSettings(Path.of("/var/lib/brickwork")), load(""));
    }

    @Test
    void keys() {
        assertEquals(new ApiSettings(Path.of("/srv/brickwork")), load("state-dir = \"/srv/brickwork\""));
    }

    @Test
    void aRelativeStateDirectoryIsAProblemNamingTheKey() {
        SettingsException e = assertThrows(SettingsException.class, () -> load("state-dir = state"));

        assertEquals(List.of("brickwork.coordinator.state-dir = 'state': must be an absolute path"), e.problems());
    }
}
