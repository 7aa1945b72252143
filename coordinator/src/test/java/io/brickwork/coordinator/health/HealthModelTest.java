package io.brickwork.coordinator.health;

import static io.brickwork.coordinator.testing.StatusProblems.has;
import static io.brickwork.coordinator.testing.StatusProblems.kinds;
import static io.brickwork.coordinator.testing.StatusProblems.onBrick;
import static io.brickwork.coordinator.testing.StatusProblems.onNode;
import static io.brickwork.coordinator.testing.StatusProblems.onVolume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.testing.MutableClock;
import io.brickwork.coordinator.testing.Reports;
import io.brickwork.coordinator.testing.Specs;
import io.brickwork.proto.agent.v1.Hello;
import io.brickwork.proto.common.v1.MountState;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.coordinator.v1.BrickStatus;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.Health;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import io.brickwork.proto.coordinator.v1.NodeState;
import io.brickwork.proto.coordinator.v1.ProblemKind;
import io.brickwork.proto.coordinator.v1.VolumeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthModelTest {
    static final ClusterSpec SPEC = SpecParser.parse(Specs.STAGING, "test");
    static final List<String> NODES = List.of("node1", "node2", "node3");
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final HealthModel model = new HealthModel(clock, INTERVAL);

    @BeforeEach
    void allHealthy() {
        model.specApplied(SPEC);
        for (String node : NODES) {
            model.connected(session(node), Hello.newBuilder().setNodeName(node).addAddresses("10.0.0." + node.charAt(4))
                    .setAgentVersion("test").build(), clock.millis());
            model.reported(node, session(node), Reports.healthy(node));
        }
    }

    private static String session(String node) {
        return "session-" + node;
    }

    private void reportAll() {
        for (String node : NODES) {
            model.reported(node, session(node), Reports.healthy(node));
        }
    }

    private NodeInfo node(String name) {
        return model.status().getNodesList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
    }

    private VolumeStatus volume() {
        return model.status().getVolumes(0);
    }

    @Test
    void everyNodeReportingEverythingAsSpecifiedIsHealthyWithNoProblems() {
        GetStatusResponse status = model.status();

        assertEquals(Health.HEALTH_HEALTHY, status.getHealth(), status.getProblemsList().toString());
        assertEquals(List.of(), status.getProblemDetailsList());
        assertEquals(List.of(), status.getProblemsList());
        assertEquals(Health.HEALTH_HEALTHY, volume().getHealth());
        assertEquals(3, volume().getBrickStatusCount());
        assertTrue(volume().getBrickStatusList().stream().allMatch(BrickStatus::getOnline));
        assertEquals(NodeState.NODE_STATE_CONNECTED, node("node1").getState());
        assertEquals(2, status.getPeersCount(), "the manager's peer table");
        assertEquals(3, status.getMountsCount());
    }

    @Test
    void nodeWithoutReportsForTwoIntervalsIsStaleAndForThreeIsDown() {
        clock.advance(INTERVAL.multipliedBy(2));
        assertEquals(NodeState.NODE_STATE_CONNECTED, node("node2").getState(), "exactly two intervals is not yet stale");

        clock.advance(Duration.ofMillis(1));
        assertEquals(NodeState.NODE_STATE_STALE, node("node2").getState());
        assertTrue(has(model.status(), ProblemKind.PROBLEM_KIND_NODE_STALE, onNode("node2")),
                model.status().getProblemsList().toString());

        clock.advance(INTERVAL);
        assertEquals(NodeState.NODE_STATE_DOWN, node("node2").getState());
    }

    @Test
    void closedStreamIsDownAtOnceAndItsBrickCountsAsOffline() {
        model.disconnected("node3", session("node3"));

        GetStatusResponse status = model.status();
        assertEquals(NodeState.NODE_STATE_DOWN, node("node3").getState());
        assertFalse(node("node3").getConnected());
        assertTrue(has(status, ProblemKind.PROBLEM_KIND_AGENT_NOT_CONNECTED, onNode("node3")),
                status.getProblemsList().toString());
        assertEquals(Health.HEALTH_DEGRADED, volume().getHealth());
        assertTrue(has(status, ProblemKind.PROBLEM_KIND_BRICK_OFFLINE, onBrick("node3:/gluster/brick")));
    }

    @Test
    void endOfASupersededStreamDoesNotMarkTheReconnectedNodeDown() {
        model.connected("newer", Hello.newBuilder().setNodeName("node2").build(), clock.millis());
        model.reported("node2", "newer", Reports.healthy("node2"));

        model.disconnected("node2", session("node2"));

        assertEquals(NodeState.NODE_STATE_CONNECTED, node("node2").getState());
    }

    @Test
    void brickOfflineDegradesTheVolume() {
        model.reported("node2", session("node2"), Reports.brickOffline("node2"));

        GetStatusResponse status = model.status();
        assertEquals(Health.HEALTH_DEGRADED, volume().getHealth());
        assertEquals(Health.HEALTH_DEGRADED, status.getHealth());
        assertTrue(has(status, ProblemKind.PROBLEM_KIND_BRICK_OFFLINE, onBrick("node2:/gluster/brick")
                        .and(onVolume("staging-gfs")).and(onNode("node2"))), status.getProblemsList().toString());
    }

    @Test
    void twoOfThreeBricksOfflineLosesQuorumAndFailsTheVolume() {
        model.reported("node2", session("node2"), Reports.brickOffline("node2"));
        model.reported("node3", session("node3"), Reports.brickOffline("node3"));

        GetStatusResponse status = model.status();
        assertEquals(Health.HEALTH_FAILED, volume().getHealth());
        assertEquals(Health.HEALTH_FAILED, status.getHealth());
        assertTrue(has(status, ProblemKind.PROBLEM_KIND_QUORUM_LOST, onVolume("staging-gfs")
                        .and(p -> p.getReplicaSetList().equals(SPEC.volumes().get(0).allBricks()))),
                status.getProblemsList().toString());
    }

    @Test
    void pendingHealsDegradeTheVolumeNamingCountAndBrick() {
        model.reported("node1", session("node1"), Reports.heals("node2", 42, 0).toBuilder()
                .setBricks(0, Reports.healthy("node1").getBricks(0)).build());

        assertEquals(Health.HEALTH_DEGRADED, volume().getHealth());
        assertTrue(has(model.status(), ProblemKind.PROBLEM_KIND_HEAL_PENDING, onBrick("node2:/gluster/brick")),
                model.status().getProblemsList().toString());
        assertEquals(42, volume().getBrickStatus(1).getHealPending());
    }

    @Test
    void splitBrainFailsTheVolume() {
        model.reported("node2", session("node2"), Reports.heals("node2", 0, 3));

        assertEquals(Health.HEALTH_FAILED, volume().getHealth());
        assertEquals(Health.HEALTH_FAILED, model.status().getHealth());
        assertTrue(has(model.status(), ProblemKind.PROBLEM_KIND_SPLIT_BRAIN, onBrick("node2:/gluster/brick")));
    }

    @Test
    void unmountedVolumeNamesTheNodeAndSaysWhereContainersWouldWrite() {
        model.reported("node1", session("node1"), Reports.mount("node1", MountState.MOUNT_STATE_NOT_MOUNTED));

        assertEquals(List.of("node1"), volume().getUnmountedOnList());
        assertEquals(Health.HEALTH_DEGRADED, volume().getHealth());
        assertTrue(has(model.status(), ProblemKind.PROBLEM_KIND_NOT_MOUNTED, onNode("node1")
                        .and(p -> p.getMountPoint().equals("/mnt"))), model.status().getProblemsList().toString());
        assertFalse(model.status().getMounts(0).getMounted());
    }

    @Test
    void hungMountIsNamedAsNotResponding() {
        model.reported("node3", session("node3"), Reports.mount("node3", MountState.MOUNT_STATE_HUNG));

        assertEquals(List.of("node3"), volume().getUnmountedOnList());
        assertTrue(has(model.status(), ProblemKind.PROBLEM_KIND_MOUNT_HUNG, onNode("node3")));
    }

    @Test
    void glusterdNotRunningIsAProblemOfTheNode() {
        model.reported("node3", session("node3"), Reports.healthy("node3").toBuilder().setGlusterdRunning(false).build());

        assertTrue(has(model.status(), ProblemKind.PROBLEM_KIND_GLUSTERD_NOT_RUNNING, onNode("node3")));
        assertEquals(Health.HEALTH_DEGRADED, model.status().getHealth());
    }

    @Test
    void nothingAppliedHasNoHealthAndSaysSo() {
        HealthModel fresh = new HealthModel(clock, INTERVAL);

        assertEquals(Health.HEALTH_UNSPECIFIED, fresh.status().getHealth());
        assertEquals(List.of(ProblemKind.PROBLEM_KIND_NOTHING_APPLIED), kinds(fresh.status()));
    }

    @Test
    void listenersHearOfChangesButNotOfARepeatedReport() {
        // Reports in a burst are evaluated together: tick() settles them, as the server's one-second tick does.
        model.tick();
        AtomicInteger changes = new AtomicInteger();
        model.addListener(changes::incrementAndGet);

        clock.advance(Duration.ofSeconds(1));
        reportAll();
        model.tick();
        assertEquals(0, changes.get(), "the same facts again are no change");

        model.reported("node2", session("node2"), Reports.brickOffline("node2"));
        model.tick();
        assertEquals(1, changes.get());
    }

    @Test
    void tickTellsListenersWhenTimeAloneMadeANodeStale() {
        AtomicInteger changes = new AtomicInteger();
        model.addListener(changes::incrementAndGet);

        clock.advance(INTERVAL.multipliedBy(2).plusMillis(1));
        model.tick();

        assertEquals(1, changes.get());
        model.tick();
        assertEquals(1, changes.get());
    }

    @Test
    void reportFromAStaleSessionIsIgnored() {
        NodeReport offline = Reports.brickOffline("node2");

        model.reported("node2", "some-old-session", offline);

        assertEquals(Health.HEALTH_HEALTHY, model.status().getHealth());
    }
}
