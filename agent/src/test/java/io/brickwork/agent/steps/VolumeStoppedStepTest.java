package io.brickwork.agent.steps;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VolumeStoppedStepTest {
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void aStartedVolumeIsStopped() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-started.xml"));
        runner.expect(gluster("volume", "stop", "gfs")).stdout(sample("volume-stop.xml"));
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-created.xml"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void aStoppedVolumeIsUnchanged() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-created.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step()).getOutcome());
    }

    @Test
    void aMissingVolumeIsRefused() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));

        assertEquals(Outcome.OUTCOME_REFUSED, apply(step()).getOutcome());
    }

    private VolumeStoppedStep step() {
        return new VolumeStoppedStep("gfs", new CliGlusterCli(runner), context(new FakeTicker()));
    }
}
