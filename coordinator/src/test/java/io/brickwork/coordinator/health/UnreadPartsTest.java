package io.brickwork.coordinator.health;

import static io.brickwork.coordinator.testing.StatusProblems.has;
import static io.brickwork.coordinator.testing.StatusProblems.onBrick;
import static io.brickwork.coordinator.testing.StatusProblems.onNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.testing.MutableClock;
import io.brickwork.coordinator.testing.Reports;
import io.brickwork.proto.agent.v1.Hello;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.ReportPart;
import io.brickwork.proto.agent.v1.UnreadPart;
import io.brickwork.proto.coordinator.v1.BrickStatus;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.Health;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import io.brickwork.proto.coordinator.v1.NodeState;
import io.brickwork.proto.coordinator.v1.ProblemKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node that cannot read a part of its state (a gluster read failed or timed out, as on the
 * nodes that remain when a peer is cut off) says so in its report; the model keeps the last
 * known value with its age, then calls it unknown, and never turns it into an outage.
 */
class UnreadPartsTest {
    private static final List<String> NODES = HealthModelTest.NODES;
    private static final Duration INTERVAL = HealthModelTest.INTERVAL;
    private static final String TIMED_OUT = "glusterd state (get-state): no answer within 3000 ms";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final HealthModel model = new HealthModel(clock, INTERVAL);

    @BeforeEach
    void allHealthy() {
        model.specApplied(HealthModelTest.SPEC);
        for (String node : NODES) {
            connect(node);
            model.reported(node, session(node), Reports.healthy(node));
        }
    }

    private void connect(String node) {
        model.connected(session(node), Hello.newBuilder().setNodeName(node).addAddresses("10.0.0." + node.charAt(4))
                .setAgentVersion("test").build(), clock.millis());
    }

    private static String session(String node) {
        return "session-" + node;
    }

    private static UnreadPart unread(ReportPart part, boolean unknown, String reason) {
        return UnreadPart.newBuilder().setPart(part).setUnknown(unknown).setReason(reason).build();
    }

    /** What a node reports when its glusterd state read and the heal summary did not answer in time. */
    private static NodeReport glusterReadsTimedOut(String node) {
        return Reports.healthy(node).toBuilder().clearBricks().clearHeals()
                .addErrors(TIMED_OUT)
                .addUnread(unread(ReportPart.REPORT_PART_BRICKS, true, TIMED_OUT))
                .addUnread(unread(ReportPart.REPORT_PART_HEALS, true, "volume heal info summary: no answer")
                        .toBuilder().setVolume(Reports.VOLUME))
                .build();
    }

    private BrickStatus brick(String node) {
        return model.status().getVolumes(0).getBrickStatusList().stream().filter(b -> b.getNode().equals(node))
                .findFirst().orElseThrow();
    }

    private NodeInfo node(String name) {
        return model.status().getNodesList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
    }

    private void cutNode3AndLetTheOthersTimeOut() {
        model.disconnected("node3", session("node3"));
        clock.advance(Duration.ofSeconds(5));
        model.reported("node1", session("node1"), glusterReadsTimedOut("node1"));
        model.reported("node2", session("node2"), glusterReadsTimedOut("node2"));
    }

    @Test
    void aCutOffNodeIsDownButThePeersUnreadBricksAreNotOfflineAndQuorumHolds() {
        cutNode3AndLetTheOthersTimeOut();

        GetStatusResponse status = model.status();
        assertEquals(NodeState.NODE_STATE_DOWN, node("node3").getState());
        assertEquals(Health.HEALTH_DEGRADED, status.getVolumes(0).getHealth());
        assertEquals(Health.HEALTH_DEGRADED, status.getHealth());
        assertFalse(has(status, ProblemKind.PROBLEM_KIND_QUORUM_LOST), status::toString);
        assertFalse(has(status, ProblemKind.PROBLEM_KIND_BRICK_OFFLINE, onBrick("node1:/gluster/brick")),
                status::toString);
        assertTrue(has(status, ProblemKind.PROBLEM_KIND_BRICK_STALE, onBrick("node1:/gluster/brick")),
                status::toString);
    }

    @Test
    void aBrickNotReadKeepsItsLastKnownStateWithTheTimeItWasRead() {
        long readAt = clock.millis();
        cutNode3AndLetTheOthersTimeOut();

        BrickStatus node1 = brick("node1");
        assertTrue(node1.getOnline());
        assertTrue(node1.getStateStale());
        assertFalse(node1.getStateUnknown());
        assertEquals(readAt, node1.getStateReadUnixMs());
        assertEquals(49152, node1.getPort());
    }

    @Test
    void aBrickNotReadForThreeIntervalsIsUnknownNeverOffline() {
        cutNode3AndLetTheOthersTimeOut();
        for (int i = 0; i < 3; i++) {
            clock.advance(INTERVAL);
            model.reported("node1", session("node1"), glusterReadsTimedOut("node1"));
            model.reported("node2", session("node2"), glusterReadsTimedOut("node2"));
        }

        GetStatusResponse status = model.status();
        BrickStatus node1 = brick("node1");
        assertTrue(node1.getStateUnknown());
        assertFalse(node1.getOnline());
        assertEquals(0, node1.getStateReadUnixMs());
        assertEquals(Health.HEALTH_DEGRADED, status.getVolumes(0).getHealth());
        assertFalse(has(status, ProblemKind.PROBLEM_KIND_QUORUM_LOST), status::toString);
        assertFalse(has(status, ProblemKind.PROBLEM_KIND_BRICK_OFFLINE, onNode("node3").negate()), status::toString);
        assertTrue(has(status, ProblemKind.PROBLEM_KIND_BRICK_UNKNOWN, onBrick("node1:/gluster/brick")),
                status::toString);
    }

    @Test
    void aBrickTheAgentSawDieIsOfflineEvenWhenItsTableWasNotRead() {
        NodeReport evidence = glusterReadsTimedOut("node2").toBuilder()
                .addBricks(Reports.brickOffline("node2").getBricks(0)).build();

        model.reported("node2", session("node2"), evidence);

        BrickStatus node2 = brick("node2");
        assertFalse(node2.getOnline());
        assertFalse(node2.getStateStale());
        assertTrue(has(model.status(), ProblemKind.PROBLEM_KIND_BRICK_OFFLINE, onBrick("node2:/gluster/brick")));
    }

    @Test
    void bricksNotReadBeforeAnyBrickTableAreUnknownNotOffline() {
        connect("node2");
        model.reported("node2", session("node2"), glusterReadsTimedOut("node2"));

        BrickStatus node2 = brick("node2");
        assertTrue(node2.getStateUnknown());
        assertTrue(has(model.status(), ProblemKind.PROBLEM_KIND_BRICK_UNKNOWN, onBrick("node2:/gluster/brick")),
                model.status()::toString);
        assertEquals(Health.HEALTH_DEGRADED, model.status().getVolumes(0).getHealth());
    }

    @Test
    void twoUnknownBricksDoNotLoseQuorumButTwoOfflineOnesDo() {
        connect("node1");
        connect("node2");
        model.reported("node1", session("node1"), glusterReadsTimedOut("node1"));
        model.reported("node2", session("node2"), glusterReadsTimedOut("node2"));
        assertEquals(Health.HEALTH_DEGRADED, model.status().getVolumes(0).getHealth());

        model.reported("node1", session("node1"), Reports.brickOffline("node1"));
        model.reported("node2", session("node2"), Reports.brickOffline("node2"));
        assertEquals(Health.HEALTH_FAILED, model.status().getVolumes(0).getHealth());
    }

    @Test
    void healCountsNotReadAreTheLastKnownOnesMarkedStale() {
        model.reported("node1", session("node1"), Reports.heals("node1", 42, 0));
        clock.advance(INTERVAL);

        model.reported("node1", session("node1"), glusterReadsTimedOut("node1"));

        BrickStatus node1 = brick("node1");
        assertEquals(42, node1.getHealPending());
        assertTrue(node1.getHealStale());
        assertTrue(has(model.status(), ProblemKind.PROBLEM_KIND_HEAL_PENDING, onBrick("node1:/gluster/brick")));
    }

    @Test
    void aPeerTableThatTimedOutKeepsGlusterdRunningButOneRefusedIsNotRunning() {
        NodeReport timedOut = Reports.healthy("node2").toBuilder().setGlusterdRunning(false).clearPeers()
                .addUnread(unread(ReportPart.REPORT_PART_PEERS, true, "glusterd state (get-state): no answer within 3000 ms"))
                .build();
        model.reported("node2", session("node2"), timedOut);
        assertTrue(node("node2").getGlusterdRunning());
        assertTrue(node("node2").getGlusterdStale());
        assertEquals(2, node("node2").getPeersCount(), "last known peers");

        NodeReport refused = timedOut.toBuilder().setUnread(0, unread(ReportPart.REPORT_PART_PEERS, false,
                "glusterd state (get-state): Connection failed. Please check if gluster daemon is operational.")).build();
        model.reported("node2", session("node2"), refused);
        assertFalse(node("node2").getGlusterdRunning());
        assertFalse(node("node2").getGlusterdStale());
        assertTrue(has(model.status(), ProblemKind.PROBLEM_KIND_GLUSTERD_NOT_RUNNING, onNode("node2")));
        assertEquals(0, node("node2").getPeersCount(), "no peer table beside a glusterd that is down");
    }

    @Test
    void glusterdNotAnsweringForThreeIntervalsIsUnknownNotDown() {
        NodeReport timedOut = Reports.healthy("node2").toBuilder().setGlusterdRunning(false).clearPeers()
                .addUnread(unread(ReportPart.REPORT_PART_PEERS, true, "glusterd state (get-state): no answer within 3000 ms"))
                .build();
        for (int i = 0; i < 4; i++) {
            clock.advance(INTERVAL);
            model.reported("node2", session("node2"), timedOut);
        }

        assertTrue(has(model.status(), ProblemKind.PROBLEM_KIND_GLUSTERD_UNKNOWN, onNode("node2")),
                model.status()::toString);
        assertFalse(has(model.status(), ProblemKind.PROBLEM_KIND_GLUSTERD_NOT_RUNNING));
    }

    @Test
    void aReportWithoutUnreadPartsReadsAMissingBrickAsOfflineAsBefore() {
        model.reported("node2", session("node2"), Reports.healthy("node2").toBuilder().clearBricks().build());

        BrickStatus node2 = brick("node2");
        assertFalse(node2.getOnline());
        assertFalse(node2.getStateUnknown());
        assertTrue(has(model.status(), ProblemKind.PROBLEM_KIND_BRICK_OFFLINE, onBrick("node2:/gluster/brick")));
    }

    @Test
    void whenTheReadsAnswerAgainNothingIsStale() {
        cutNode3AndLetTheOthersTimeOut();
        connect("node3");
        for (String node : NODES) {
            model.reported(node, session(node), Reports.healthy(node));
        }

        GetStatusResponse status = model.status();
        assertEquals(Health.HEALTH_HEALTHY, status.getHealth(), status::toString);
        assertTrue(status.getVolumes(0).getBrickStatusList().stream()
                .noneMatch(b -> b.getStateStale() || b.getStateUnknown() || b.getHealStale()));
    }
}
