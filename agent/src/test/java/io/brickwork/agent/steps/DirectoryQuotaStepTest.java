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
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.Refusal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Samples from a real glusterd 10.3 (volume "qv" with quota on, "gfs" without). */
class DirectoryQuotaStepTest {
    private static final long TEN_MIB = 10L << 20;
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void onAVolumeWithoutQuotaEnablesItOnceThenSetsTheLimitInBytesAndReadsItBack() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-started.xml"));
        runner.expect(gluster("volume", "quota", "gfs", "enable")).stdout(sample("volume-quota-enable.xml"));
        runner.expect(gluster("volume", "quota", "gfs", "limit-usage", "/d1", "10485760"))
                .stdout(sample("volume-quota-limit-usage.xml"));
        runner.expect(gluster("volume", "quota", "gfs", "list", "/d1")).stdout(sample("volume-quota-list-limit.xml"));

        ActionResult result = apply(step("gfs", "d1", TEN_MIB));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
        assertEquals(List.of("enable quota on volume gfs", "limit /d1 on volume gfs to 10485760 bytes (now no limit)"),
                result.getChangesList());
    }

    @Test
    void theSameLimitAgainOnlyReads() {
        runner.expect(gluster("volume", "info", "qv")).stdout(sample("volume-info-quota.xml"));
        runner.expect(gluster("volume", "quota", "qv", "list", "/d1")).stdout(sample("volume-quota-list-limit.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step("qv", "d1", TEN_MIB)).getOutcome());
    }

    @Test
    void aDirectoryWithoutALimitGetsOneWithoutEnablingQuotaAgain() {
        runner.expect(gluster("volume", "info", "qv")).stdout(sample("volume-info-quota.xml"));
        runner.expect(gluster("volume", "quota", "qv", "list", "/d3")).stdout(sample("volume-quota-list-no-limit.xml"));

        ActionResult result = check(step("qv", "d3", 1L << 20));

        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, result.getOutcome());
        assertEquals(List.of("limit /d3 on volume qv to 1048576 bytes (now no limit)"), result.getChangesList());
    }

    @Test
    void aMissingDirectoryIsRefusedAndNoLimitIsSet() {
        runner.expect(gluster("volume", "info", "qv")).stdout(sample("volume-info-quota.xml"));
        runner.expect(gluster("volume", "quota", "qv", "list", "/nonexist"))
                .stdout(sample("volume-quota-list-missing.xml"));

        ActionResult result = apply(step("qv", "nonexist", TEN_MIB));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals(Refusal.REFUSAL_FAILED_PRECONDITION, result.getRefusal());
        assertEquals("/nonexist does not exist on volume qv; gluster limits only an existing directory",
                result.getSummary());
    }

    @Test
    void aMissingVolumeIsRefused() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));

        assertEquals(Outcome.OUTCOME_REFUSED, apply(step("gfs", "d1", TEN_MIB)).getOutcome());
    }

    @Test
    void aCheckBeforeTheVolumeOrTheDirectoryExistsSaysWhatWouldChange() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));
        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, check(new DirectoryQuotaStep("gfs", "d1", TEN_MIB,
                new CliGlusterCli(runner), context(new FakeTicker()), Mode.MODE_CHECK)).getOutcome());

        runner.expect(gluster("volume", "info", "qv")).stdout(sample("volume-info-quota.xml"));
        runner.expect(gluster("volume", "quota", "qv", "list", "/nonexist"))
                .stdout(sample("volume-quota-list-missing.xml"));
        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, check(new DirectoryQuotaStep("qv", "nonexist", TEN_MIB,
                new CliGlusterCli(runner), context(new FakeTicker()), Mode.MODE_CHECK)).getOutcome());
    }

    private DirectoryQuotaStep step(String volume, String path, long bytes) {
        return new DirectoryQuotaStep(volume, path, bytes, new CliGlusterCli(runner), context(new FakeTicker()),
                Mode.MODE_APPLY);
    }
}
