package io.brickwork.coordinator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.brickwork.common.config.SettingsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecuritySettingsTest {
    private static SecuritySettings load(String hocon) {
        return SecuritySettings.from(ConfigFactory.parseString(hocon)
                .withFallback(ConfigFactory.defaultReference().getConfig("brickwork.coordinator")));
    }

    @Test
    void defaults() {
        assertEquals(new SecuritySettings(Path.of("/var/lib/brickwork"),
                Path.of("/var/log/brickwork/coordinator-audit.log"),
                new SecuritySettings.Tls(List.of(), Duration.ofDays(365), Duration.ofDays(30), Duration.ofDays(30),
                        Duration.ofDays(7)),
                Duration.ofHours(1)), load(""));
    }

    @Test
    void keys() {
        SecuritySettings settings = load("""
                state-dir = "/srv/brickwork"
                audit-log = "/srv/log/audit.log"
                tls {
                  server-names = [coordinator.example, "10.0.0.1"]
                  server-certificate-validity = 10d
                  node-certificate-validity = 11d
                  admin-certificate-validity = 12d
                  gluster-certificate-validity = 13d
                }
                join-token-ttl = 2h
                """);

        assertEquals(new SecuritySettings(Path.of("/srv/brickwork"), Path.of("/srv/log/audit.log"),
                new SecuritySettings.Tls(List.of("coordinator.example", "10.0.0.1"), Duration.ofDays(10),
                        Duration.ofDays(11), Duration.ofDays(12), Duration.ofDays(13)), Duration.ofHours(2)), settings);
        assertEquals(List.of("coordinator.example"), settings.tls().dnsNames());
        assertEquals(List.of("10.0.0.1"), settings.tls().ipAddresses());
    }

    @Test
    void relativePathsBadNamesAndLifetimesThatAreNotPositiveAreProblemsNamingTheirKeys() {
        SettingsException e = assertThrows(SettingsException.class, () -> load("""
                state-dir = "state", audit-log = "audit.log"
                tls { server-names = ["bad name"], node-certificate-validity = 0s }
                join-token-ttl = -1h
                """));

        assertEquals(List.of(
                "brickwork.coordinator.state-dir = 'state': must be an absolute path",
                "brickwork.coordinator.audit-log = 'audit.log': must be an absolute path",
                "brickwork.coordinator.tls.server-names: 'bad name' is neither a host name nor an address",
                "brickwork.coordinator.tls.node-certificate-validity = PT0S: must be positive",
                "brickwork.coordinator.join-token-ttl = PT-1H: must be positive"), e.problems());
    }
}
