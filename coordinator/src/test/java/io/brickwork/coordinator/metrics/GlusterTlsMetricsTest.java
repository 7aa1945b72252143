package io.brickwork.coordinator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.common.net.HostPort;
import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.testing.MutableClock;
import io.brickwork.coordinator.testing.Reports;
import io.brickwork.proto.agent.v1.GlusterTlsReport;
import io.brickwork.proto.agent.v1.Hello;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per node whether gluster's management traffic is TLS and when its certificate expires; per volume whether I/O is. */
class GlusterTlsMetricsTest {
    private static final long EXPIRY = Instant.parse("2025-01-08T00:00:00Z").toEpochMilli();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final HealthModel model = new HealthModel(clock, Duration.ofSeconds(5));
    private final MetricsServer server = new MetricsServer(Optional.of(new HostPort("127.0.0.1", 0)),
            new BrickworkMetrics(model));

    @BeforeEach
    void start() {
        model.specApplied(SpecParser.parse("""
                cluster { name = staging, manager = node1, nodes = [node1, node2], tls = true }
                volumes = [{ name = staging-gfs, replica = 2, brick = "/gluster/brick", force = true }]
                """, "test"));
        for (String node : List.of("node1", "node2")) {
            model.connected("s-" + node, Hello.newBuilder().setNodeName(node).build(), clock.millis());
        }
        model.reported("node1", "s-node1", Reports.healthy("node1").toBuilder().setGlusterTls(GlusterTlsReport.newBuilder()
                .setManagement(true).setCertificateNotAfterUnixMs(EXPIRY).addTlsVolumes("staging-gfs")).build());
        // node2 has not turned TLS on: no certificate, plaintext management.
        model.reported("node2", "s-node2", Reports.healthy("node2"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void statusShowsEachNodesGlusterTlsAndTheVolumesAsTheManagersStoreSaysIt() {
        GetStatusResponse status = model.status();

        assertTrue(status.getNodes(0).getGlusterTls().getManagement());
        assertEquals(EXPIRY, status.getNodes(0).getGlusterTls().getCertificateNotAfterUnixMs());
        assertFalse(status.getNodes(1).getGlusterTls().getManagement());
        assertTrue(status.getVolumes(0).getTls());
    }

    @Test
    void seriesSayWhichNodesAndVolumesSpeakTlsAndWhenCertificatesExpire() throws Exception {
        String body = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port().orElseThrow() + "/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();

        assertSeries(body, "brickwork_gluster_tls_management{node=\"node1\"}", 1);
        assertSeries(body, "brickwork_gluster_tls_management{node=\"node2\"}", 0);
        assertSeries(body, "brickwork_gluster_certificate_expiry_timestamp_seconds{node=\"node1\"}", EXPIRY / 1000.0);
        assertTrue(body.lines().noneMatch(line -> line.startsWith(
                "brickwork_gluster_certificate_expiry_timestamp_seconds{node=\"node2\"}")), body);
        assertSeries(body, "brickwork_volume_tls{volume=\"staging-gfs\"}", 1);
    }

    private static void assertSeries(String body, String series, double value) {
        String line = body.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no series " + series + " in\n" + body));
        assertEquals(value, Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]), 1e-3, line);
    }
}
