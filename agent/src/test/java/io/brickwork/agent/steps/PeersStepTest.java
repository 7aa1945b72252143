package io.brickwork.agent.steps;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.check;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.LocalNode;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeersStepTest {
    private static final List<String> CLUSTER = List.of("node1", "node2", "node3");
    private static final LocalNode NODE1 = host -> host.equals("node1");
    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final FakeTicker ticker = new FakeTicker();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void freshManagerProbesEveryOtherHostAndWaitsUntilTheyJoined() {
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-empty.xml"));
        runner.expect(gluster("peer", "probe", "node2")).stdout(sample("peer-probe-node2.xml"));
        runner.expect(gluster("peer", "probe", "node3")).stdout(sample("peer-probe-node2.xml"));
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-one-peer.xml"));
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-two-peers.xml"));

        ActionResult result = apply(step(CLUSTER, NODE1));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(List.of("probe node2", "probe node3"), result.getChangesList());
        assertEquals(List.of(StepTests.POLL), ticker.sleeps());
    }

    @Test
    void convergedManagerOnlyReadsPeerStatus() {
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-two-peers.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step(CLUSTER, NODE1)).getOutcome());
    }

    @Test
    void aPeerProbedByAddressCountsForItsName() {
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-two-peers.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step(List.of("node3", "10.214.0.13"), NODE1)).getOutcome());
    }

    @Test
    void checkModeNamesTheHostsItWouldProbe() {
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-one-peer.xml"));

        ActionResult result = check(step(CLUSTER, NODE1));

        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, result.getOutcome());
        assertEquals(List.of("probe node3"), result.getChangesList());
    }

    @Test
    void failsNamingTheHostsThatDidNotJoinInTime() {
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-one-peer.xml"));
        runner.expect(gluster("peer", "probe", "node3")).stdout(sample("peer-probe-node2.xml"));
        for (int read = 0; read < 4; read++) {
            runner.expect(gluster("peer", "status")).stdout(sample("peer-status-disconnected.xml"));
        }

        ActionResult result = apply(new PeersStep(CLUSTER, new CliGlusterCli(runner), NODE1,
                context(ticker, Duration.ofMillis(300))));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertEquals("peers not in cluster and connected in time: node3 (Peer in Cluster, disconnected)",
                result.getFailure().getMessage());
    }

    @Test
    void aHostGlusterdCallsLocalhostIsNotWaitedFor() {
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-two-peers.xml"));
        runner.expect(gluster("peer", "probe", "node1")).stdout(sample("peer-probe-localhost.xml"));
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-two-peers.xml"));

        ActionResult result = apply(step(CLUSTER, host -> false));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
    }

    @Test
    void aTimedOutProbeStillCountsWhenThePeerJoined() {
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-one-peer.xml"));
        runner.expect(gluster("peer", "probe", "node3")).timesOut();
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-two-peers.xml"));

        ActionResult result = apply(step(CLUSTER, NODE1));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
    }

    @Test
    void aPeerStillNotConnectedWhenTheLastReadAtTheDeadlineTimesOutIsNamedInTheFailure() {
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-one-peer.xml"));
        runner.expect(gluster("peer", "probe", "node3")).stdout(sample("peer-probe-node2.xml"));
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-one-peer.xml"));
        runner.expect(gluster("peer", "status")).timesOut();
        PeersStep step = new PeersStep(CLUSTER, new CliGlusterCli(runner), NODE1,
                StepTests.context(ticker, StepTests.POLL));

        ActionResult result = apply(step);

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome(), result.toString());
        assertTrue(result.getFailure().getMessage().contains("node3 (not a peer)"), result.toString());
    }

    @Test
    void aFailedProbeIsReportedWithGlustersReason() {
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-one-peer.xml"));
        runner.expect(gluster("peer", "probe", "node3")).stdout(sample("peer-probe-unreachable.xml"));

        ActionResult result = apply(step(CLUSTER, NODE1));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertEquals("Probe returned with Transport endpoint is not connected", result.getFailure().getStderr());
        assertEquals(gluster("peer", "probe", "node3").length, result.getFailure().getArgvCount());
    }

    private PeersStep step(List<String> hosts, LocalNode localNode) {
        return new PeersStep(hosts, new CliGlusterCli(runner), localNode, context(ticker));
    }
}
