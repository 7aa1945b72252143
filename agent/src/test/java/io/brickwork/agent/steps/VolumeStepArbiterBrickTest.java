package io.brickwork.agent.steps;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static io.brickwork.agent.steps.StepTests.apply;
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

/**
 * A volume on two nodes with an explicit arbiter brick on one of them: {@code replica 3 arbiter 1}
 * with the data bricks first. The samples are glusterd 10.3's answers on the lab.
 */
class VolumeStepArbiterBrickTest {
    private static final List<String> BRICKS = List.of("node1:/gluster/brick", "node2:/gluster/brick",
            "node1:/gluster/arbiter");
    private static final VolumeLayout LAYOUT = new VolumeLayout("gfs", 3, BRICKS, true, 1);
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void theArbiterBrickIsCreatedLastWithArbiterOneAndForce() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));
        runner.expect(gluster("volume", "create", "gfs", "replica", "3", "arbiter", "1", "node1:/gluster/brick",
                "node2:/gluster/brick", "node1:/gluster/arbiter", "force")).stdout(sample("volume-create.xml"));
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-arbiter-brick.xml"));

        ActionResult result = apply(step(LAYOUT));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(List.of("create volume gfs (Replicate, replica 3 arbiter 1) with bricks node1:/gluster/brick "
                + "node2:/gluster/brick node1:/gluster/arbiter (force)"), result.getChangesList());
    }

    @Test
    void aSecondApplyFindsTheSameLayoutAndChangesNothing() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-arbiter-brick.xml"));

        ActionResult result = apply(step(LAYOUT));

        assertEquals(Outcome.OUTCOME_UNCHANGED, result.getOutcome());
        assertTrue(result.getSummary().contains("exists as asked"), result.getSummary());
    }

    @Test
    void theArbiterOnTheOtherNodeIsADifferentLayoutAndRefused() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-arbiter-brick.xml"));
        List<String> moved = List.of(BRICKS.get(0), BRICKS.get(1), "node2:/gluster/arbiter");

        ActionResult result = apply(step(new VolumeLayout("gfs", 3, moved, true, 1)));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("bricks are node1:/gluster/brick node2:/gluster/brick "
                + "node1:/gluster/arbiter, want node1:/gluster/brick node2:/gluster/brick node2:/gluster/arbiter"),
                result.getSummary());
    }

    @Test
    void theSameBricksWithoutArbiterAreADifferentLayoutAndRefused() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-arbiter-brick.xml"));

        ActionResult result = apply(step(new VolumeLayout("gfs", 3, BRICKS, true, 0)));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("arbiter count is 1, want 0"), result.getSummary());
    }

    @Test
    void withoutForceGlusterRefusesTwoBricksOfTheSetOnOneServerAndTheStepSaysWhy() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));
        runner.expect(gluster("volume", "create", "gfs", "replica", "3", "arbiter", "1", "node1:/gluster/brick",
                "node2:/gluster/brick", "node1:/gluster/arbiter")).stdout(sample("volume-create-arbiter-needs-force.xml"));

        ActionResult result = apply(step(new VolumeLayout("gfs", 3, BRICKS, false, 1)));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertTrue(result.getFailure().getStderr().contains("Multiple bricks of a replicate volume are present on the "
                + "same server"), result.getFailure().getStderr());
    }

    private VolumeStep step(VolumeLayout layout) {
        return new VolumeStep(layout, new CliGlusterCli(runner), context());
    }

    private static StepContext context() {
        return StepTests.context(new FakeTicker());
    }
}
