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

/** The samples are glusterd 10's answers in the lab; the migration's status format does not depend on the bricks. */
class RemoveBricksStepTest {
    private static final List<String> REMOVED = List.of("node4:/gluster/brick", "node5:/gluster/brick",
            "node6:/gluster/brick");
    private static final String[] INFO = gluster("volume", "info", "gfs");
    private static final String[] STATUS = gluster("volume", "remove-brick", "gfs", "node4:/gluster/brick",
            "node5:/gluster/brick", "node6:/gluster/brick", "status");
    private static final String[] START = gluster("volume", "remove-brick", "gfs", "node4:/gluster/brick",
            "node5:/gluster/brick", "node6:/gluster/brick", "start");
    private static final String[] COMMIT = gluster("volume", "remove-brick", "gfs", "node4:/gluster/brick",
            "node5:/gluster/brick", "node6:/gluster/brick", "commit");
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void startsTheMigrationWhenNoneRunsForTheseBricks() {
        runner.expect(INFO).stdout(sample("volume-info-grown.xml"));
        runner.expect(STATUS).stdout(sample("volume-remove-brick-status-not-started.xml"));
        runner.expect(START).stdout(sample("volume-remove-brick-start.xml"));
        runner.expect(INFO).stdout(sample("volume-info-grown.xml"));
        runner.expect(STATUS).stdout(sample("volume-remove-brick-status-in-progress.xml"));

        ActionResult result = apply(step(RemoveBricksStep.Phase.START));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void aRunningMigrationIsNotStartedAgain() {
        runner.expect(INFO).stdout(sample("volume-info-grown.xml"));
        runner.expect(STATUS).stdout(sample("volume-remove-brick-status-in-progress.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step(RemoveBricksStep.Phase.START)).getOutcome());
    }

    @Test
    void commitsOnlyOnceTheMigrationHasCompleted() {
        runner.expect(INFO).stdout(sample("volume-info-grown.xml"));
        runner.expect(STATUS).stdout(sample("volume-remove-brick-status-completed.xml"));
        runner.expect(COMMIT).stdout(sample("volume-remove-brick-commit.xml"));
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));

        ActionResult result = apply(step(RemoveBricksStep.Phase.COMMIT));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void aCommitWhileTheMigrationRunsIsRefusedAndNothingIsCommitted() {
        runner.expect(INFO).stdout(sample("volume-info-grown.xml"));
        runner.expect(STATUS).stdout(sample("volume-remove-brick-status-in-progress.xml"));

        ActionResult result = apply(step(RemoveBricksStep.Phase.COMMIT));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome(), result.toString());
        assertTrue(result.getSummary().contains("would lose the files still on them"), result.getSummary());
    }

    @Test
    void aCommitWithoutAMigrationIsRefused() {
        runner.expect(INFO).stdout(sample("volume-info-grown.xml"));
        runner.expect(STATUS).stdout(sample("volume-remove-brick-status-not-started.xml"));

        assertEquals(Outcome.OUTCOME_REFUSED, check(step(RemoveBricksStep.Phase.COMMIT)).getOutcome());
    }

    @Test
    void bricksAlreadyGoneAreDoneForBothPhases() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step(RemoveBricksStep.Phase.START)).getOutcome());
        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step(RemoveBricksStep.Phase.COMMIT)).getOutcome());
    }

    private RemoveBricksStep step(RemoveBricksStep.Phase phase) {
        return new RemoveBricksStep("gfs", REMOVED, phase, new CliGlusterCli(runner), context(new FakeTicker()));
    }
}
