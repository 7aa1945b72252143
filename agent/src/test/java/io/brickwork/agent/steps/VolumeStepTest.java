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
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VolumeStepTest {
    private static final List<String> BRICKS = List.of("node1:/gluster/brick", "node2:/gluster/brick",
            "node3:/gluster/brick");
    private static final String[] CREATE = gluster("volume", "create", "gfs", "replica", "3", "node1:/gluster/brick",
            "node2:/gluster/brick", "node3:/gluster/brick", "force");
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void freshClusterGetsTheVolumeCreated() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));
        runner.expect(CREATE).stdout(sample("volume-create.xml"));
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-created.xml"));

        ActionResult result = apply(step(new VolumeLayout("gfs", 3, BRICKS, true)));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(List.of("create volume gfs (Replicate, replica 3) with bricks node1:/gluster/brick "
                + "node2:/gluster/brick node3:/gluster/brick (force)"), result.getChangesList());
    }

    @Test
    void anExistingVolumeWithTheSameLayoutIsUnchanged() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-started.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step(new VolumeLayout("gfs", 3, BRICKS, true))).getOutcome());
    }

    @Test
    void bricksInAnotherOrderAreADifferentLayoutAndRefused() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-started.xml"));
        List<String> swapped = List.of(BRICKS.get(1), BRICKS.get(0), BRICKS.get(2));

        ActionResult result = apply(step(new VolumeLayout("gfs", 3, swapped, true)));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("bricks are node1:/gluster/brick node2:/gluster/brick"),
                result.getSummary());
    }

    @Test
    void anotherReplicaCountIsRefusedNamingTheDifference() {
        runner.expect(gluster("volume", "info", "other")).stdout(sample("volume-info-all.xml"));

        ActionResult result = check(step(new VolumeLayout("other", 3, List.of("node1:/gluster/other",
                "node2:/gluster/other", "node3:/gluster/other"), true)));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("type is Distribute, want Replicate"), result.getSummary());
        assertTrue(result.getSummary().contains("replica count is 1, want 3"), result.getSummary());
    }

    @Test
    void aCreateThatTimedOutButHappenedIsChanged() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));
        runner.expect(CREATE).timesOut();
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-created.xml"));

        ActionResult result = apply(step(new VolumeLayout("gfs", 3, BRICKS, true)));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertTrue(result.getSummary().contains("but the node is now as asked"), result.getSummary());
    }

    @Test
    void aCreateThatTimedOutAndDidNotHappenFails() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));
        runner.expect(CREATE).timesOut();
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));

        ActionResult result = apply(step(new VolumeLayout("gfs", 3, BRICKS, true)));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertEquals(List.of(CREATE), result.getFailure().getArgvList());
        assertTrue(result.getFailure().getMessage().contains("did not finish"), result.getFailure().getMessage());
    }

    @Test
    void aRefusedCreateFailsWithGlustersReason() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));
        runner.expect(gluster("volume", "create", "gfs", "replica", "3", "node1:/gluster/brick",
                "node2:/gluster/brick", "node3:/gluster/brick")).stdout(sample("volume-create-needs-force.xml"));

        ActionResult result = apply(step(new VolumeLayout("gfs", 3, BRICKS, false)));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertTrue(result.getFailure().getStderr().contains("root partition"), result.getFailure().getStderr());
    }

    @Test
    void aCreateRefusedWhilePeersAreStillConnectingIsTriedAgainOnceTheVolumeIsStillMissing() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));
        runner.expect(CREATE).stdout(sample("volume-create-peer-not-connected.xml"));
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));
        runner.expect(CREATE).stdout(sample("volume-create.xml"));
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-created.xml"));

        ActionResult result = apply(step(new VolumeLayout("gfs", 3, BRICKS, true)));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void aVolumeThatAppearedAfterARefusedCreateIsNotCreatedAgain() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));
        runner.expect(CREATE).stdout(sample("volume-create-peer-not-connected.xml"));
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-created.xml"));
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-created.xml"));

        assertEquals(Outcome.OUTCOME_CHANGED, apply(step(new VolumeLayout("gfs", 3, BRICKS, true))).getOutcome());
    }

    @Test
    void peersThatNeverConnectFailTheCreateWithGlustersReasonAtTheDeadline() {
        FakeTicker ticker = new FakeTicker();
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));
        runner.expect(CREATE).stdout(sample("volume-create-peer-not-connected.xml"));
        // A 250 ms deadline polled every 100 ms: tried again at 100, 200 and 250 ms.
        for (int i = 0; i < 3; i++) {
            runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));
            runner.expect(CREATE).stdout(sample("volume-create-peer-not-connected.xml"));
        }
        VolumeStep step = new VolumeStep(new VolumeLayout("gfs", 3, BRICKS, true), new CliGlusterCli(runner),
                context(ticker, Duration.ofMillis(250)));

        ActionResult result = apply(step);

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertTrue(result.getFailure().getStderr().contains("Host node3 not connected"), result.getFailure().getStderr());
    }

    @Test
    void anotherRefusedCreateIsNotTriedAgain() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));
        runner.expect(CREATE).stdout(sample("volume-create-brick-in-use.xml"));

        ActionResult result = apply(step(new VolumeLayout("gfs", 3, BRICKS, true)));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertTrue(result.getFailure().getStderr().contains("not available"), result.getFailure().getStderr());
    }

    private VolumeStep step(VolumeLayout layout) {
        return new VolumeStep(layout, new CliGlusterCli(runner), context(new FakeTicker()));
    }
}
