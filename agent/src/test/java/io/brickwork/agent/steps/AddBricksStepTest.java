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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AddBricksStepTest {
    private static final String[] INFO = gluster("volume", "info", "gfs");
    private static final List<String> EXISTING = List.of("node1:/gluster/brick", "node2:/gluster/brick",
            "node3:/gluster/brick");
    private static final List<String> ADDED = List.of("node4:/gluster/brick", "node5:/gluster/brick",
            "node6:/gluster/brick");
    private static final String[] ADD = gluster("volume", "add-brick", "gfs", "replica", "3", "node4:/gluster/brick",
            "node5:/gluster/brick", "node6:/gluster/brick", "force");
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void addsTheNewReplicaSetAndReadsTheLayoutBack() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(ADD).stdout(sample("volume-add-brick.xml"));
        runner.expect(INFO).stdout(sample("volume-info-grown.xml"));

        ActionResult result = apply(step(EXISTING));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void aVolumeThatAlreadyHasTheAddedBricksIsUnchangedAndNothingRuns() {
        runner.expect(INFO).stdout(sample("volume-info-grown.xml"));

        ActionResult result = apply(step(EXISTING));

        assertEquals(Outcome.OUTCOME_UNCHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void anAddRefusedWhileTheNewPeersAreStillConnectingIsTriedAgainWhileTheBricksAreStillMissing() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(ADD).stdout(sample("volume-replace-brick-peer-not-connected.xml"));
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(ADD).stdout(sample("volume-add-brick.xml"));
        runner.expect(INFO).stdout(sample("volume-info-grown.xml"));

        ActionResult result = apply(step(EXISTING));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void aTimedOutAddThatCommittedIsFoundDoneOnTheReRead() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(ADD).timesOut();
        runner.expect(INFO).stdout(sample("volume-info-grown.xml"));

        ActionResult result = apply(step(EXISTING));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void aLayoutOtherThanTheOnePlannedOnIsRefusedAndNothingIsAdded() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));

        ActionResult result = check(step(List.of("node1:/gluster/brick", "node2:/gluster/brick", "node9:/gluster/brick")));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome(), result.toString());
        assertTrue(result.getSummary().contains("the layout changed since it was read"), result.getSummary());
    }

    @Test
    void glustersRefusalFailsTheStepWithItsReason() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(ADD).stdout(sample("volume-add-brick-prevalidation-failed.xml"));

        ActionResult result = apply(step(EXISTING));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome(), result.toString());
        assertTrue(result.toString().contains("Pre Validation failed on node1"), result.toString());
    }

    @Test
    void raisesTheReplicaCountWithOneBrickPerSet() {
        runner.expect(INFO).stdout(sample("volume-info-replica-two.xml"));
        runner.expect(gluster("volume", "add-brick", "gfs", "replica", "3", "node3:/gluster/brick", "force"))
                .stdout(sample("volume-add-brick.xml"));
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));

        ActionResult result = apply(new AddBricksStep("gfs", 3, 0, List.of("node1:/gluster/brick",
                "node2:/gluster/brick"), List.of("node3:/gluster/brick"), true, true, new CliGlusterCli(runner),
                context(new FakeTicker())));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    private AddBricksStep step(List<String> existing) {
        return new AddBricksStep("gfs", 3, 0, existing, ADDED, true, new CliGlusterCli(runner), context(new FakeTicker()));
    }
}
