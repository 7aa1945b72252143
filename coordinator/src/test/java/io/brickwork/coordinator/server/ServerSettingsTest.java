package io.brickwork.coordinator.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.brickwork.common.config.SettingsException;
import io.brickwork.common.net.HostPort;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {
    private static ServerSettings load(String hocon) {
        return ServerSettings.from(ConfigFactory.parseString(hocon)
                .withFallback(ConfigFactory.defaultReference().getConfig("brickwork.coordinator")));
    }

    @Test
    void defaults() {
        assertEquals(new ServerSettings(new HostPort("0.0.0.0", 7443), Path.of("/run/brickwork/coordinator.sock")),
                load(""));
    }

    @Test
    void keys() {
        assertEquals(new ServerSettings(new HostPort("127.0.0.1", 8443), Path.of("/tmp/admin.sock")),
                load("listen = \"127.0.0.1:8443\", admin-socket = \"/tmp/admin.sock\""));
    }

    @Test
    void anAddressWithoutPortAndARelativeSocketAreProblemsNamingTheirKeys() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> load("listen = localhost, admin-socket = \"run/admin.sock\""));

        assertEquals(List.of("brickwork.coordinator.listen = 'localhost': must be host:port",
                "brickwork.coordinator.admin-socket = 'run/admin.sock': must be an absolute path"), e.problems());
    }
}
