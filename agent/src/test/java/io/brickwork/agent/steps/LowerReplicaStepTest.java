package io.brickwork.agent.steps;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static io.brickwork.agent.steps.StepTests.apply;
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

/** The heal samples are heal-summary-clean.xml's form with the three bricks of volume-info-started.xml. */
class LowerReplicaStepTest {
    private static final String[] INFO = gluster("volume", "info", "gfs");
    private static final String[] STATUS = gluster("volume", "status", "gfs");
    private static final String[] HEAL = gluster("volume", "heal", "gfs", "info", "summary");
    private static final String[] REMOVE = gluster("volume", "remove-brick", "gfs", "replica", "2",
            "node3:/gluster/brick", "force");
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void removesOneCopyWithForceOnlyAfterReadingEveryCopyInSync() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(STATUS).stdout(sample("volume-status-started.xml"));
        runner.expect(HEAL).stdout(sample("heal-summary-clean-three.xml"));
        runner.expect(REMOVE).stdout(sample("volume-remove-brick-commit.xml"));
        runner.expect(INFO).stdout(sample("volume-info-replica-two.xml"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void pendingHealRefusesAndNothingIsRemoved() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(STATUS).stdout(sample("volume-status-started.xml"));
        runner.expect(HEAL).stdout(sample("heal-summary-pending-three.xml"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome(), result.toString());
        assertTrue(result.getSummary().contains("4 entries pending heal"), result.getSummary());
    }

    @Test
    void anOfflineBrickRefusesAndNothingIsRemoved() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(STATUS).stdout(sample("volume-status-brick-down.xml"));

        assertEquals(Outcome.OUTCOME_REFUSED, apply(step()).getOutcome());
    }

    @Test
    void aVolumeAlreadyAtTheLowerCountIsUnchanged() {
        runner.expect(INFO).stdout(sample("volume-info-replica-two.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step()).getOutcome());
    }

    private LowerReplicaStep step() {
        return new LowerReplicaStep("gfs", 2, List.of("node3:/gluster/brick"), new CliGlusterCli(runner),
                context(new FakeTicker()));
    }
}
