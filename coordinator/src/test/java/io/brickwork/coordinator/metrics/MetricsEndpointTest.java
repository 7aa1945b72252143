package io.brickwork.coordinator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.common.net.HostPort;
import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.testing.MutableClock;
import io.brickwork.coordinator.testing.Reports;
import io.brickwork.proto.agent.v1.Hello;
import io.brickwork.proto.common.v1.MountState;
import io.brickwork.proto.agent.v1.ReportPart;
import io.brickwork.proto.agent.v1.UnreadPart;
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

class MetricsEndpointTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final HealthModel model = new HealthModel(clock, Duration.ofSeconds(5));
    private final BrickworkMetrics metrics = new BrickworkMetrics(model);
    private final MetricsServer server = new MetricsServer(Optional.of(new HostPort("127.0.0.1", 0)), metrics);

    @BeforeEach
    void start() {
        model.specApplied(SpecParser.parse("""
                cluster { name = staging, manager = node1, nodes = [node1, node2, node3] }
                volumes = [{ name = staging-gfs, replica = 3, brick = "/gluster/brick", force = true }]
                """, "test"));
        for (String node : List.of("node1", "node2")) {
            model.connected("s-" + node, Hello.newBuilder().setNodeName(node).build(), clock.millis());
        }
        model.reported("node1", "s-node1", Reports.heals("node1", 42, 0));
        model.reported("node2", "s-node2", Reports.mount("node2", MountState.MOUNT_STATE_HUNG).toBuilder()
                .setGlusterdRunning(false).build());
        clock.advance(Duration.ofSeconds(3));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port().orElseThrow() + "/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static void assertSeries(String body, String series, double value) {
        String line = body.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no series " + series + " in\n" + body));
        assertEquals(value, Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]), 1e-9, line);
    }

    @Test
    void nodeSeriesSayWhichNodesAreUpAndRunGlusterd() throws Exception {
        String body = scrape();

        assertSeries(body, "brickwork_node_up{node=\"node1\"}", 1);
        assertSeries(body, "brickwork_node_up{node=\"node3\"}", 0);
        assertSeries(body, "brickwork_glusterd_up{node=\"node1\"}", 1);
        assertSeries(body, "brickwork_glusterd_up{node=\"node2\"}", 0);
        assertSeries(body, "brickwork_peer_connected{node=\"node1\",peer=\"node2\"}", 1);
        assertSeries(body, "brickwork_report_age_seconds{node=\"node1\"}", 3);
        assertSeries(body, "brickwork_disk_free_bytes{node=\"node1\",path=\"/\"}", 60_000_000_000d);
        assertSeries(body, "brickwork_disk_inodes_free{node=\"node1\",path=\"/\"}", 5_000_000);
    }

    @Test
    void volumeSeriesArePerBrick() throws Exception {
        String body = scrape();

        assertSeries(body, "brickwork_brick_online{brick=\"node1:/gluster/brick\",volume=\"staging-gfs\"}", 1);
        assertSeries(body, "brickwork_brick_online{brick=\"node3:/gluster/brick\",volume=\"staging-gfs\"}", 0);
        assertSeries(body, "brickwork_heal_pending{brick=\"node1:/gluster/brick\",volume=\"staging-gfs\"}", 42);
        assertSeries(body, "brickwork_split_brain{brick=\"node1:/gluster/brick\",volume=\"staging-gfs\"}", 0);
        assertSeries(body, "brickwork_mount_ok{mount=\"/mnt\",node=\"node1\"}", 1);
        assertSeries(body, "brickwork_mount_ok{mount=\"/mnt\",node=\"node2\"}", 0);
    }

    @Test
    void aBrickWhoseStateCouldNotBeReadHasNoOnlineSeriesRatherThanZero() throws Exception {
        clock.advance(Duration.ofSeconds(2));
        model.reported("node1", "s-node1", Reports.healthy("node1").toBuilder().clearBricks()
                .addUnread(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_BRICKS).setUnknown(true)
                        .setReason("glusterd state (get-state): no answer within 3000 ms"))
                .build());
        clock.advance(Duration.ofSeconds(16));
        model.reported("node1", "s-node1", Reports.healthy("node1").toBuilder().clearBricks()
                .addUnread(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_BRICKS).setUnknown(true)
                        .setReason("glusterd state (get-state): no answer within 3000 ms"))
                .build());

        String body = scrape();

        assertTrue(body.lines().noneMatch(l -> l.startsWith("brickwork_brick_online{brick=\"node1:")), body);
        assertSeries(body, "brickwork_brick_online{brick=\"node3:/gluster/brick\",volume=\"staging-gfs\"}", 0);
    }

    @Test
    void glusterdWhoseStateReadTimedOutHasNoSeries() throws Exception {
        model.reported("node1", "s-node1", Reports.healthy("node1").toBuilder().setGlusterdRunning(false).clearPeers()
                .addUnread(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_PEERS).setUnknown(true)
                        .setReason("glusterd state (get-state): no answer within 3000 ms"))
                .build());

        String body = scrape();

        assertTrue(body.lines().noneMatch(l -> l.startsWith("brickwork_glusterd_up{node=\"node1\"}")), body);
        assertSeries(body, "brickwork_glusterd_up{node=\"node2\"}", 0);
    }

    @Test
    void appliesAreCountedAndTimed() throws Exception {
        metrics.applied(true, Duration.ofSeconds(12));
        metrics.applied(false, Duration.ofSeconds(2));

        String body = scrape();

        assertSeries(body, "brickwork_apply_runs_total", 2);
        assertSeries(body, "brickwork_apply_failures_total", 1);
        assertSeries(body, "brickwork_apply_duration_seconds_count", 2);
        assertSeries(body, "brickwork_apply_duration_seconds_bucket{le=\"5.0\"}", 1);
        assertTrue(body.contains("# TYPE brickwork_apply_duration_seconds histogram"), body);
    }

    @Test
    void emptyAddressServesNothing() {
        MetricsServer disabled = new MetricsServer(Optional.empty(), metrics);

        disabled.start();

        assertTrue(disabled.port().isEmpty());
    }
}
