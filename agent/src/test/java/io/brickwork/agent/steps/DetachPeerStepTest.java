package io.brickwork.agent.steps;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.LocalNode;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DetachPeerStepTest {
    private static final LocalNode NODE1 = host -> host.equals("node1");
    private static final String[] VOLUMES = gluster("volume", "info");
    private static final String[] PEERS = gluster("peer", "status");
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void aDisconnectedPeerWithoutBricksIsDetachedWithoutForce() {
        runner.expect(VOLUMES).stdout(sample("volume-info-node3-replaced.xml"));
        runner.expect(PEERS).stdout(sample("peer-status-disconnected.xml"));
        runner.expect(gluster("peer", "detach", "node3")).stdout(sample("peer-detach.xml"));
        runner.expect(PEERS).stdout(sample("peer-status-one-peer.xml"));

        ActionResult result = apply(step("node3"));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void aHostThatIsNoPeerIsUnchanged() {
        runner.expect(VOLUMES).stdout(sample("volume-info-node3-replaced.xml"));
        runner.expect(PEERS).stdout(sample("peer-status-one-peer.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step("node3")).getOutcome());
    }

    @Test
    void aHostThatStillHoldsABrickIsRefusedAndNothingIsDetached() {
        runner.expect(VOLUMES).stdout(sample("volume-info-started.xml"));

        ActionResult result = apply(step("node3"));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome(), result.toString());
        assertTrue(result.getSummary().contains("gfs node3:/gluster/brick"), result.getSummary());
    }

    @Test
    void thisNodeIsRefused() {
        assertEquals(Outcome.OUTCOME_REFUSED, apply(step("node1")).getOutcome());
    }

    private DetachPeerStep step(String host) {
        return new DetachPeerStep(host, new CliGlusterCli(runner), NODE1, context(new FakeTicker()));
    }
}
