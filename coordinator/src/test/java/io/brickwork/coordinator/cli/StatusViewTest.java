package io.brickwork.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.proto.coordinator.v1.BrickStatus;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.Health;
import io.brickwork.proto.coordinator.v1.Problem;
import io.brickwork.proto.coordinator.v1.ProblemKind;
import io.brickwork.proto.coordinator.v1.VolumeStatus;
import io.brickwork.proto.coordinator.v1.GlusterTlsStatus;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusViewTest {
    private static GetStatusResponse withHealth(Health health) {
        return GetStatusResponse.newBuilder().setCluster("staging").setHealth(health).build();
    }

    @Test
    void exitCodeIsZeroHealthyThreeDegradedFourFailed() {
        assertEquals(0, StatusView.exitCode(withHealth(Health.HEALTH_HEALTHY)));
        assertEquals(3, StatusView.exitCode(withHealth(Health.HEALTH_DEGRADED)));
        assertEquals(4, StatusView.exitCode(withHealth(Health.HEALTH_FAILED)));
        assertEquals(3, StatusView.exitCode(withHealth(Health.HEALTH_UNSPECIFIED)), "unknown is not healthy");
    }

    @Test
    void problemsAndHealBacklogArePrintedWithoutColorsOffATerminal() {
        GetStatusResponse status = withHealth(Health.HEALTH_DEGRADED).toBuilder()
                .addVolumes(VolumeStatus.newBuilder().setName("staging-gfs").setReplica(3)
                        .setHealth(Health.HEALTH_DEGRADED)
                        .addBrickStatus(BrickStatus.newBuilder().setBrick("node2:/gluster/brick").setNode("node2")
                                .setOnline(true).setPort(49152).setHealPending(42)))
                .addProblems("staging-gfs: 42 entries pending heal on node2:/gluster/brick")
                .build();
        StringWriter text = new StringWriter();

        new StatusView(false).print(new PrintWriter(text, true), status);

        assertTrue(text.toString().contains("DEGRADED"), text.toString());
        assertTrue(text.toString().contains("42"), text.toString());
        assertTrue(text.toString().contains("problem: staging-gfs: 42 entries pending heal"), text.toString());
        assertFalse(text.toString().contains("\u001b["), "no escape codes when not on a terminal");
    }

    @Test
    void glusterTlsIsATableOfNodesAndAWordOnEachEncryptedVolume() {
        GetStatusResponse status = withHealth(Health.HEALTH_HEALTHY).toBuilder()
                .addNodes(NodeInfo.newBuilder().setName("node1").setGlusterTls(GlusterTlsStatus.newBuilder()
                        .setManagement(true).setCertificateNotAfterUnixMs(4102444800000L)))
                .addNodes(NodeInfo.newBuilder().setName("node2"))
                .addVolumes(VolumeStatus.newBuilder().setName("sealed").setReplica(2).setTls(true))
                .addVolumes(VolumeStatus.newBuilder().setName("open").setReplica(2))
                .build();
        StringWriter text = new StringWriter();

        new StatusView(false).print(new PrintWriter(text, true), status);

        List<String> lines = text.toString().lines().toList();
        assertTrue(lines.contains("node1        on              2100-01-01T00:00:00Z"), text.toString());
        assertTrue(lines.contains("node2        off             none"), text.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("volume sealed: ") && line.endsWith(", TLS")),
                text.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("volume open: ") && !line.contains("TLS")),
                text.toString());
    }

    @Test
    void withoutGlusterTlsAnywhereThereIsNoTlsTable() {
        GetStatusResponse status = withHealth(Health.HEALTH_HEALTHY).toBuilder()
                .addNodes(NodeInfo.newBuilder().setName("node1")).build();
        StringWriter text = new StringWriter();

        new StatusView(false).print(new PrintWriter(text, true), status);

        assertFalse(text.toString().contains("GLUSTER TLS"), text.toString());
    }

    @Test
    void typedProblemsArePrintedByTheirText() {
        GetStatusResponse status = withHealth(Health.HEALTH_DEGRADED).toBuilder()
                .addProblems("node3: agent not connected")
                .addProblemDetails(Problem.newBuilder().setKind(ProblemKind.PROBLEM_KIND_AGENT_NOT_CONNECTED)
                        .setNode("node3").setText("node3: agent not connected"))
                .build();
        StringWriter text = new StringWriter();

        new StatusView(false).print(new PrintWriter(text, true), status);

        assertEquals(1, text.toString().lines().filter(line -> line.startsWith("problem: ")).count(), text.toString());
        assertTrue(text.toString().contains("problem: node3: agent not connected"), text.toString());
    }

    @Test
    void aBrickNobodyCouldReadIsShownAsUnknownNotOffline() {
        GetStatusResponse status = withHealth(Health.HEALTH_DEGRADED).toBuilder()
                .addVolumes(VolumeStatus.newBuilder().setName("staging-gfs").setReplica(3)
                        .setHealth(Health.HEALTH_DEGRADED)
                        .addBrickStatus(BrickStatus.newBuilder().setBrick("node1:/gluster/brick").setNode("node1")
                                .setStateUnknown(true))
                        .addBrickStatus(BrickStatus.newBuilder().setBrick("node2:/gluster/brick").setNode("node2")
                                .setOnline(true).setPort(49152).setStateStale(true))
                        .addBrickStatus(BrickStatus.newBuilder().setBrick("node3:/gluster/brick").setNode("node3")))
                .build();
        StringWriter text = new StringWriter();

        new StatusView(false).print(new PrintWriter(text, true), status);

        List<String> lines = text.toString().lines().toList();
        assertTrue(line(lines, "node1:/gluster/brick").matches(".*brick\\s+\\?\\s+-.*"), text.toString());
        assertTrue(line(lines, "node2:/gluster/brick").matches(".*brick\\s+yes~\\s+49152.*"), text.toString());
        assertTrue(line(lines, "node3:/gluster/brick").matches(".*brick\\s+NO\\s+-.*"), text.toString());
    }

    private static String line(List<String> lines, String start) {
        return lines.stream().filter(l -> l.strip().startsWith(start)).findFirst().orElseThrow();
    }
}
