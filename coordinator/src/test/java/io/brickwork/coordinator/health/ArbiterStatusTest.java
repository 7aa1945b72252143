package io.brickwork.coordinator.health;

import static io.brickwork.coordinator.testing.StatusProblems.has;
import static io.brickwork.coordinator.testing.StatusProblems.onBrick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.testing.MutableClock;
import io.brickwork.coordinator.testing.Reports;
import io.brickwork.proto.agent.v1.BrickReport;
import io.brickwork.proto.agent.v1.HealReport;
import io.brickwork.proto.agent.v1.Hello;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.PeerFact;
import io.brickwork.proto.coordinator.v1.BrickStatus;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.Health;
import io.brickwork.proto.coordinator.v1.ProblemKind;
import io.brickwork.proto.coordinator.v1.VolumeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A two-node volume with its arbiter brick on node1: the arbiter is a brick like the others. */
class ArbiterStatusTest {
    static final ClusterSpec SPEC = SpecParser.parse("""
            cluster { name = pair, manager = node1, nodes = [node1, node2] }
            volumes = [{
              name = staging-gfs
              replica = 3
              arbiter = true
              arbiter-brick { node = node1, path = "/gluster/arbiter" }
              brick = "/gluster/brick"
              force = true
              mount { path = "/mnt", owner = root, group = docker }
            }]
            """, "test");
    private static final String ARBITER = "node1:/gluster/arbiter";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final HealthModel model = new HealthModel(clock, Duration.ofSeconds(5));

    private static NodeReport report(String node, boolean dataOnline, boolean arbiterOnline) {
        String other = node.equals("node1") ? "node2" : "node1";
        NodeReport.Builder report = Reports.healthy(node).toBuilder().clearPeers()
                .addPeers(PeerFact.newBuilder().setHostname(other).setConnected(true).setState("Peer in Cluster"));
        report.setBricks(0, report.getBricks(0).toBuilder().setOnline(dataOnline).setPort(dataOnline ? 49152 : 0));
        if (node.equals("node1")) {
            report.addBricks(BrickReport.newBuilder().setVolume("staging-gfs").setBrick(ARBITER)
                    .setOnline(arbiterOnline).setPort(arbiterOnline ? 49153 : 0));
            report.addHeals(HealReport.newBuilder().setVolume("staging-gfs").setBrick(ARBITER));
        }
        return report.build();
    }

    private GetStatusResponse status(boolean node1Data, boolean arbiter) {
        model.specApplied(SPEC);
        for (String node : List.of("node1", "node2")) {
            model.connected("session-" + node, Hello.newBuilder().setNodeName(node).addAddresses("10.0.0." + node.charAt(4))
                    .setAgentVersion("test").build(), clock.millis());
        }
        model.reported("node1", "session-node1", report("node1", node1Data, arbiter));
        model.reported("node2", "session-node2", report("node2", true, true));
        return model.status();
    }

    private static Optional<BrickStatus> brick(GetStatusResponse status, String brick) {
        return status.getVolumes(0).getBrickStatusList().stream().filter(b -> b.getBrick().equals(brick)).findFirst();
    }

    @Test
    void theArbiterBrickIsListedAndCheckedLikeTheDataBricks() {
        GetStatusResponse status = status(true, true);

        VolumeStatus volume = status.getVolumes(0);
        assertEquals(Health.HEALTH_HEALTHY, status.getHealth(), status.getProblemsList().toString());
        assertEquals(List.of("node1:/gluster/brick", "node2:/gluster/brick", ARBITER), volume.getBricksList());
        assertEquals(3, volume.getBrickStatusCount());
        assertEquals(49153, brick(status, ARBITER).orElseThrow().getPort());
    }

    @Test
    void anOfflineArbiterDegradesTheVolumeButKeepsQuorum() {
        GetStatusResponse status = status(true, false);

        assertEquals(Health.HEALTH_DEGRADED, status.getVolumes(0).getHealth());
        assertTrue(has(status, ProblemKind.PROBLEM_KIND_BRICK_OFFLINE, onBrick(ARBITER)),
                status.getProblemsList().toString());
        assertFalse(has(status, ProblemKind.PROBLEM_KIND_QUORUM_LOST), status.getProblemsList().toString());
    }

    @Test
    void losingTheNodeWithDataAndArbiterLosesQuorum() {
        GetStatusResponse status = status(false, false);

        assertEquals(Health.HEALTH_FAILED, status.getVolumes(0).getHealth());
        assertTrue(has(status, ProblemKind.PROBLEM_KIND_QUORUM_LOST, p -> p.getReplicaSetList().equals(
                List.of("node1:/gluster/brick", "node2:/gluster/brick", ARBITER))), status.getProblemsList().toString());
    }

    @Test
    void theArbiterNodeWatchesBothBrickDirectories() {
        assertEquals(List.of("/gluster/brick", "/gluster/arbiter"),
                WatchLists.forNode(Optional.of(SPEC), "node1", Duration.ofSeconds(5), node -> true).getBrickPathsList());
        assertEquals(List.of("/gluster/brick"),
                WatchLists.forNode(Optional.of(SPEC), "node2", Duration.ofSeconds(5), node -> true).getBrickPathsList());
    }
}
