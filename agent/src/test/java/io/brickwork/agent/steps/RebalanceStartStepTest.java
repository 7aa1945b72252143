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

class RebalanceStartStepTest {
    private static final String[] STATUS = gluster("volume", "rebalance", "gfs", "status");
    private static final String[] START = gluster("volume", "rebalance", "gfs", "start");
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void startsARebalanceWhenNoneWasEverRun() {
        runner.expect(STATUS).stdout(sample("volume-rebalance-status-not-started.xml"));
        runner.expect(START).stdout(sample("volume-rebalance-start.xml"));
        runner.expect(STATUS).stdout(sample("volume-rebalance-status-in-progress.xml"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    /** A completed one may be from before the bricks were added: it does not count. */
    @Test
    void startsAnotherWhenTheLastOneHasCompleted() {
        runner.expect(STATUS).stdout(sample("volume-rebalance-status-completed.xml"));
        runner.expect(START).stdout(sample("volume-rebalance-start.xml"));
        runner.expect(STATUS).stdout(sample("volume-rebalance-status-completed.xml"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void aRunningRebalanceIsNotStartedAgain() {
        runner.expect(STATUS).stdout(sample("volume-rebalance-status-in-progress.xml"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_UNCHANGED, result.getOutcome(), result.toString());
    }

    private RebalanceStartStep step() {
        return new RebalanceStartStep("gfs", false, new CliGlusterCli(runner), context(new FakeTicker()));
    }
}
