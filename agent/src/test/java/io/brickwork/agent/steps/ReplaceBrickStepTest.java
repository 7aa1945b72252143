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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplaceBrickStepTest {
    private static final String[] INFO = gluster("volume", "info", "gfs");
    private static final String[] REPLACE = gluster("volume", "replace-brick", "gfs", "node3:/gluster/brick",
            "node7:/gluster/brick", "commit", "force");
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void replacesTheOldBrickWithCommitForceAndReadsTheLayoutBack() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(REPLACE).stdout(sample("volume-replace-brick.xml"));
        runner.expect(INFO).stdout(sample("volume-info-node3-replaced.xml"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void aVolumeThatAlreadyListsTheNewBrickInsteadIsUnchangedAndNothingRuns() {
        runner.expect(INFO).stdout(sample("volume-info-node3-replaced.xml"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_UNCHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void aTimedOutReplaceThatCommittedIsFoundDoneOnTheReRead() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(REPLACE).timesOut();
        runner.expect(INFO).stdout(sample("volume-info-node3-replaced.xml"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void aTimedOutReplaceThatDidNotCommitFails() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(REPLACE).timesOut();
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome(), result.toString());
    }

    @Test
    void aReplaceRefusedWhilePeersAreStillConnectingIsTriedAgainWhileTheOldBrickIsStillListed() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(REPLACE).stdout(sample("volume-replace-brick-peer-not-connected.xml"));
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(REPLACE).stdout(sample("volume-replace-brick.xml"));
        runner.expect(INFO).stdout(sample("volume-info-node3-replaced.xml"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void anotherRefusedReplaceFailsAtOnceWithGlustersReason() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(REPLACE).stdout(sample("volume-create-needs-force.xml"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome(), result.toString());
        assertTrue(result.getFailure().getStderr().contains("root partition"), result.getFailure().getStderr());
    }

    @Test
    void aVolumeListingNeitherBrickIsRefused() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));

        ActionResult result = check(new ReplaceBrickStep("gfs", "node5:/gluster/brick", "node7:/gluster/brick",
                new CliGlusterCli(runner), context(new FakeTicker())));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome(), result.toString());
        assertTrue(result.getSummary().contains("neither"), result.getSummary());
    }

    @Test
    void aMissingVolumeIsRefused() {
        runner.expect(INFO).stdout(sample("volume-info-missing.xml"));

        assertEquals(Outcome.OUTCOME_REFUSED, check(step()).getOutcome());
    }

    private ReplaceBrickStep step() {
        return new ReplaceBrickStep("gfs", "node3:/gluster/brick", "node7:/gluster/brick", new CliGlusterCli(runner),
                context(new FakeTicker()));
    }
}
