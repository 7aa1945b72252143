package io.brickwork.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.dockerplugin.DockerPluginSettings;
import io.brickwork.agent.report.ReportSettings;
import io.brickwork.common.config.SettingsException;
import io.brickwork.common.config.SettingsLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentSettingsTest {
    @TempDir
    Path dir;

    @Test
    void defaults() {
        AgentSettings settings = load("");

        assertEquals("localhost", settings.coordinatorHost());
        assertEquals(7443, settings.coordinatorPort());
        assertEquals(List.of(), settings.addresses());
        assertEquals(Duration.ofSeconds(5), settings.heartbeatInterval());
        assertEquals(Duration.ofMillis(200), settings.reconnectMin());
        assertEquals(Duration.ofSeconds(15), settings.reconnectMax());
        assertEquals(8, settings.maxConcurrentActions());
        assertEquals(Duration.ofSeconds(30), settings.commandTimeout());
        assertEquals(Duration.ofMinutes(10), settings.packageInstallTimeout());
        assertEquals(Duration.ofMillis(100), settings.pollInterval());
        assertEquals(List.of(Path.of("/gluster")), settings.brickRoots());
        assertEquals(List.of(Path.of("/mnt")), settings.mountRoots());
        assertEquals(Optional.of(new DockerPluginSettings(Path.of("/run/docker/plugins/brickwork.sock"),
                Duration.ofSeconds(20), Optional.of(Path.of("/run/docker.sock")))), settings.dockerPlugin());
        assertEquals(List.of("glusterfs-server", "glusterfs-client", "attr"), settings.allowedPackages());
        assertEquals(Path.of("/var/log/brickwork/audit.log"), settings.auditLog());
        assertEquals(10L * 1024 * 1024, settings.auditLogMaxSize());
        assertEquals(5, settings.auditLogKeep());
        assertEquals(new ReportSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofSeconds(10), Duration.ofSeconds(2)), settings.report());
    }

    @Test
    void theReportTimingsAreRead() {
        AgentSettings settings = load("""
                brickwork.agent {
                  report-interval = 2s
                  report-check-interval = 250ms
                  report-read-wait = 1500ms
                  report-gluster-timeout = 20s
                  mount-probe-timeout = 500ms
                }
                """);

        assertEquals(new ReportSettings(Duration.ofSeconds(2), Duration.ofMillis(250), Duration.ofMillis(1500),
                Duration.ofSeconds(20), Duration.ofMillis(500)), settings.report());
    }

    @Test
    void theReportTimingsAreChecked() {
        SettingsException e = assertThrows(SettingsException.class, () -> load("""
                brickwork.agent {
                  report-interval = 50ms
                  report-check-interval = 5ms
                  report-read-wait = 0s
                  report-gluster-timeout = 10ms
                  mount-probe-timeout = 1ms
                }
                """));

        assertEquals(List.of(
                "brickwork.agent.report-interval = PT0.05S: must be at least 100ms",
                "brickwork.agent.report-check-interval = PT0.005S: must be at least 10ms",
                "brickwork.agent.report-read-wait = PT0S: must be at least 10ms",
                "brickwork.agent.report-gluster-timeout = PT0.01S: must be at least 100ms",
                "brickwork.agent.mount-probe-timeout = PT0.001S: must be at least 10ms"), e.problems());
    }

    @Test
    void readsRootsPackagesAndTheAuditLog() {
        AgentSettings settings = load("""
                brickwork.agent {
                  brick-roots = ["/srv/gluster", "/data/bricks"]
                  mount-roots = ["/mnt", "/srv/shared"]
                  allowed-packages = ["glusterfs-server"]
                  audit-log = "/var/lib/brickwork/audit.log"
                  audit-log-max-size = 2MiB
                  audit-log-keep = 10
                }
                """);

        assertEquals(List.of(Path.of("/srv/gluster"), Path.of("/data/bricks")), settings.brickRoots());
        assertEquals(List.of(Path.of("/mnt"), Path.of("/srv/shared")), settings.mountRoots());
        assertEquals(List.of("glusterfs-server"), settings.allowedPackages());
        assertEquals(Path.of("/var/lib/brickwork/audit.log"), settings.auditLog());
        assertEquals(2L * 1024 * 1024, settings.auditLogMaxSize());
        assertEquals(10, settings.auditLogKeep());
    }

    @Test
    void rootsMustBeAbsoluteNormalizedAndNotSlash() {
        SettingsException e = assertThrows(SettingsException.class, () -> load("""
                brickwork.agent {
                  brick-roots = ["/", "gluster", "/gluster/../etc"]
                  mount-roots = []
                }
                """));

        assertEquals(List.of(
                "brickwork.agent.brick-roots: '/' must not be /",
                "brickwork.agent.brick-roots: 'gluster' must be an absolute path",
                "brickwork.agent.brick-roots: '/gluster/../etc' must be normalized (did you mean /etc?)",
                "brickwork.agent.mount-roots: must name at least one directory"), e.problems());
        assertTrue(e.numbered().startsWith("1) brickwork.agent.brick-roots: '/' must not be /\n2) "), e.numbered());
    }

    @Test
    void packagesAndAuditSettingsAreChecked() {
        SettingsException e = assertThrows(SettingsException.class, () -> load("""
                brickwork.agent {
                  allowed-packages = ["glusterfs-server", "--force-yes"]
                  audit-log = "audit.log"
                  audit-log-max-size = 4KiB
                  audit-log-keep = 0
                }
                """));

        assertEquals(List.of(
                "brickwork.agent.allowed-packages: '--force-yes' is not a Debian package name",
                "brickwork.agent.audit-log = 'audit.log': must be an absolute path",
                "brickwork.agent.audit-log-max-size = 4096 bytes: must be at least 1MiB",
                "brickwork.agent.audit-log-keep = 0: must be at least 1"), e.problems());
    }

    @Test
    void aSizeThatIsNotOneIsReportedNotThrown() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> load("brickwork.agent.audit-log-max-size = lots\n"));

        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("brickwork.agent.audit-log-max-size: "), e.problems().get(0));
    }

    @Test
    void aMisspelledKeyGetsADidYouMean() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> load("brickwork.agent.brick-root = [\"/srv\"]\n"));

        assertEquals(List.of("brickwork.agent.brick-root: unknown key (did you mean brickwork.agent.brick-roots?)"),
                e.problems());
    }

    private AgentSettings load(String config) {
        try {
            Path file = Files.writeString(dir.resolve("agent.conf"), config);
            return AgentSettings.from(SettingsLoader.load("brickwork.agent", Optional.of(file), new Properties()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
