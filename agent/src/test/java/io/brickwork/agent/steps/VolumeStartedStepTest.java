package io.brickwork.agent.steps;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.check;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VolumeStartedStepTest {
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void aCreatedVolumeIsStarted() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-created.xml"));
        runner.expect(gluster("volume", "start", "gfs")).stdout(sample("volume-start.xml"));
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-started.xml"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(List.of("start volume gfs (now Created)"), result.getChangesList());
    }

    @Test
    void aStartedVolumeIsUnchanged() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-started.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step()).getOutcome());
    }

    @Test
    void checkModeOnAMissingVolumeSaysItWouldStartIt() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));

        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, check(step()).getOutcome());
    }

    @Test
    void aFailedStartCarriesGlustersReason() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-created.xml"));
        runner.expect(gluster("volume", "start", "gfs")).stdout(sample("volume-start-already.xml"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertEquals("Volume gfs already started", result.getFailure().getStderr());
    }

    private VolumeStartedStep step() {
        return new VolumeStartedStep("gfs", new CliGlusterCli(runner), context(new FakeTicker()));
    }
}
