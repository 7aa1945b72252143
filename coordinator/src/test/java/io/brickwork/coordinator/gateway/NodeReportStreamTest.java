package io.brickwork.coordinator.gateway;

import static io.brickwork.coordinator.testing.StatusProblems.has;
import static io.brickwork.coordinator.testing.StatusProblems.onBrick;
import static io.brickwork.coordinator.testing.StatusProblems.onNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.coordinator.testing.Reports;
import io.brickwork.coordinator.testing.Results;
import io.brickwork.coordinator.testing.Specs;
import io.brickwork.proto.agent.v1.ReportPart;
import io.brickwork.proto.agent.v1.UnreadPart;
import io.brickwork.proto.agent.v1.WatchList;
import io.brickwork.proto.coordinator.v1.ApplyRequest;
import io.brickwork.proto.coordinator.v1.GetStatusRequest;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.Health;
import io.brickwork.proto.coordinator.v1.NodeState;
import io.brickwork.proto.coordinator.v1.ProblemKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NodeReportStreamTest {
    static final String SPEC = Specs.STAGING;

    @RegisterExtension
    final InProcessCoordinator coordinator = new InProcessCoordinator(Duration.ofMillis(500));
    private final List<FakeAgent> agents = new ArrayList<>();

    private void connectAll() throws Exception {
        for (String node : List.of("node1", "node2", "node3")) {
            agents.add(coordinator.connect(node, "10.0.0." + (agents.size() + 1), Results.inSync()));
        }
    }

    private void applySpec() {
        coordinator.api().apply(ApplyRequest.newBuilder().setSpec(SPEC).setSkipVerify(true).build())
                .forEachRemaining(event -> { });
    }

    private GetStatusResponse awaitStatus(Predicate<GetStatusResponse> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        GetStatusResponse status = coordinator.api().getStatus(GetStatusRequest.getDefaultInstance());
        while (!condition.test(status) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            status = coordinator.api().getStatus(GetStatusRequest.getDefaultInstance());
        }
        return status;
    }

    @Test
    void watchListFollowsTheWelcomeAndSetsTheReportInterval() throws Exception {
        FakeAgent agent = new FakeAgent(coordinator.channel, "node1", "10.0.0.1", Results.inSync()).connect();

        WatchList watch = agent.awaitWatchList();

        assertNotNull(watch);
        assertEquals(List.of("WELCOME", "WATCH"), agent.kinds().subList(0, 2));
        assertEquals(5000, watch.getReportIntervalMs());
        assertEquals(List.of(), watch.getMountPointsList(), "nothing applied yet, nothing to watch");
    }

    @Test
    void successfulApplySendsEveryNodeItsMountsAndBricks() throws Exception {
        connectAll();
        for (FakeAgent agent : agents) {
            agent.awaitWatchList();
        }

        applySpec();

        for (FakeAgent agent : agents) {
            WatchList watch = agent.awaitWatchList();
            assertNotNull(watch);
            assertEquals(List.of("/mnt"), watch.getMountPointsList());
            assertEquals(List.of("/gluster/brick"), watch.getBrickPathsList());
        }
    }

    @Test
    void reApplyingTheSameSpecSendsNoWatchListAgain() throws Exception {
        connectAll();
        applySpec();
        applySpec();
        // The third apply's checks reach each agent after anything the second one sent it.
        applySpec();

        for (FakeAgent agent : agents) {
            List<String> kinds = agent.kinds();
            assertTrue(kinds.contains("ACTION"), kinds.toString());
            assertEquals(2, kinds.stream().filter("WATCH"::equals).count(),
                    "one watch list on connect and one for the first apply: " + kinds);
        }
    }

    @Test
    void reconnectingAfterAnApplyGetsTheAppliedWatchList() throws Exception {
        connectAll();
        applySpec();

        FakeAgent again = new FakeAgent(coordinator.channel, "node2", "10.0.0.2", Results.inSync()).connect();

        assertEquals(List.of("/gluster/brick"), again.awaitWatchList().getBrickPathsList());
    }

    @Test
    void reportArrivingOverTheStreamChangesGetStatus() throws Exception {
        connectAll();
        applySpec();
        for (FakeAgent agent : agents) {
            agent.report(Reports.healthy(nodeOf(agent)));
        }
        GetStatusResponse healthy = awaitStatus(s -> s.getHealth() == Health.HEALTH_HEALTHY);
        assertEquals(Health.HEALTH_HEALTHY, healthy.getHealth(), healthy.getProblemsList().toString());
        assertEquals(NodeState.NODE_STATE_CONNECTED, healthy.getNodes(0).getState());
        assertTrue(healthy.getNodes(0).getGlusterdRunning());

        agents.get(1).report(Reports.brickOffline("node2"));

        GetStatusResponse degraded = awaitStatus(s -> s.getHealth() == Health.HEALTH_DEGRADED);
        assertEquals(Health.HEALTH_DEGRADED, degraded.getVolumes(0).getHealth());
        assertTrue(has(degraded, ProblemKind.PROBLEM_KIND_BRICK_OFFLINE, onBrick("node2:/gluster/brick")),
                degraded.getProblemsList().toString());
    }

    @Test
    void disconnectedAgentIsDownInStatus() throws Exception {
        connectAll();
        applySpec();

        agents.get(2).disconnect();

        GetStatusResponse status = awaitStatus(s -> s.getNodes(2).getState() == NodeState.NODE_STATE_DOWN);
        assertEquals(NodeState.NODE_STATE_DOWN, status.getNodes(2).getState());
        assertTrue(has(status, ProblemKind.PROBLEM_KIND_AGENT_NOT_CONNECTED, onNode("node3")),
                status.getProblemsList().toString());
    }

    @Test
    void oneNodeReadsAVolumesHealCountsAndTheReadsMoveWhenItsAgentLeavesAndReturns() throws Exception {
        connectAll();
        applySpec();
        assertEquals(List.of(List.of("staging-gfs"), List.of(), List.of()), latestHealVolumes(2),
                "after the apply: the first node of the volume reads its heals");

        agents.get(0).disconnect();

        assertEquals(List.of("staging-gfs"), agents.get(1).awaitWatchList().getHealVolumesList(), "node2 takes over");
        FakeAgent back = new FakeAgent(coordinator.channel, "node1", "10.0.0.1", Results.inSync()).connect();
        assertEquals(List.of("staging-gfs"), back.awaitWatchList().getHealVolumesList(), "node1 again, once back");
        assertEquals(List.of(), agents.get(1).awaitWatchList().getHealVolumesList(), "and node2 stops");
        assertTrue(agents.get(2).kinds().stream().filter("WATCH"::equals).count() == 2,
                "node3's list never changed, so it was never sent again: " + agents.get(2).kinds());
    }

    @Test
    void aNodeWhoseGlusterdStopsHandsItsHealReadsOnAndTakesThemBackWhenItRuns() throws Exception {
        connectAll();
        applySpec();
        latestHealVolumes(2);

        agents.get(0).report(Reports.healthy("node1").toBuilder().setGlusterdRunning(false).build());

        assertEquals(List.of(), agents.get(0).awaitWatchList().getHealVolumesList());
        assertEquals(List.of("staging-gfs"), agents.get(1).awaitWatchList().getHealVolumesList());

        agents.get(0).report(Reports.healthy("node1"));

        assertEquals(List.of("staging-gfs"), agents.get(0).awaitWatchList().getHealVolumesList());
        assertEquals(List.of(), agents.get(1).awaitWatchList().getHealVolumesList());
    }

    @Test
    void aPeerTableThatTimedOutDoesNotMoveTheHealReads() throws Exception {
        connectAll();
        applySpec();
        latestHealVolumes(2);

        agents.get(0).report(Reports.healthy("node1").toBuilder().setGlusterdRunning(false)
                .addUnread(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_PEERS).setUnknown(true)).build());
        // Had that moved the reads to node2, this one would move them back: two more lists each.
        agents.get(0).report(Reports.healthy("node1").toBuilder().setLoad1(0.77).build());
        awaitStatus(s -> s.getNodes(0).getLoad1() == 0.77);
        // The apply's checks reach each agent after anything the reports made the coordinator send it.
        applySpec();

        for (FakeAgent agent : agents.subList(0, 2)) {
            assertEquals(2, agent.kinds().stream().filter("WATCH"::equals).count(),
                    nodeOf(agent) + ": one list on connect, one for the apply: " + agent.kinds());
        }
    }

    @Test
    void anAgentOutsideEveryVolumeComingAndGoingSendsNoOtherNodeAList() throws Exception {
        connectAll();
        applySpec();
        latestHealVolumes(2);

        FakeAgent outsider = new FakeAgent(coordinator.channel, "node4", "10.0.0.4", Results.inSync()).connect();
        assertEquals(List.of(), outsider.awaitWatchList().getHealVolumesList());
        outsider.disconnect();
        awaitStatus(s -> s.getNodesList().stream().noneMatch(n -> n.getName().equals("node4")
                && n.getState() == NodeState.NODE_STATE_CONNECTED));
        // The apply's checks reach each agent after anything node4's coming and going made the coordinator send it.
        applySpec();

        for (FakeAgent agent : agents) {
            assertEquals(2, agent.kinds().stream().filter("WATCH"::equals).count(), nodeOf(agent) + ": " + agent.kinds());
        }
    }

    /** Each agent's heal volumes from the {@code count}-th watch list it received. */
    private List<List<String>> latestHealVolumes(int count) throws InterruptedException {
        List<List<String>> heals = new ArrayList<>();
        for (FakeAgent agent : agents) {
            WatchList watch = null;
            for (int i = 0; i < count; i++) {
                watch = agent.awaitWatchList();
                assertNotNull(watch, nodeOf(agent) + ": watch list " + (i + 1) + " never came");
            }
            heals.add(watch.getHealVolumesList());
        }
        return heals;
    }

    private String nodeOf(FakeAgent agent) {
        return "node" + (agents.indexOf(agent) + 1);
    }
}
