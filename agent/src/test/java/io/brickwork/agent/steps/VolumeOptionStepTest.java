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

class VolumeOptionStepTest {
    private static final String[] INFO = gluster("volume", "info", "gfs");
    private static final String[] GET = gluster("volume", "get", "gfs", "auth.allow");
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void setsAnOptionNeverSetAndReadsItBack() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(gluster("volume", "set", "gfs", "auth.allow", "10.0.0.*,node1")).stdout(sample("volume-set.xml"));
        runner.expect(GET).stdout(sample("volume-get-auth-allow.xml"));

        ActionResult result = apply(step("10.0.0.*,node1"));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(List.of("set auth.allow of volume gfs to 10.0.0.*,node1 (not set yet)"), result.getChangesList());
    }

    @Test
    void anEqualValueIsUnchangedAndNothingIsSet() {
        runner.expect(INFO).stdout(sample("volume-info-auth-allow-node1.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step("10.0.0.*,node1")).getOutcome());
    }

    /** Read off a real glusterd 10.3 after `volume set gfs auth.allow` of eight lab addresses. */
    private static final String SET = "10.213.8.11,10.213.8.12,10.213.8.13,10.213.8.14,10.213.8.15,10.213.8.16,"
            + "10.213.8.17,10.213.8.18";

    @Test
    void aValueVolumeInfoAlreadyShowsNeedsNoVolumeGet() {
        runner.expect(INFO).stdout(sample("volume-info-auth-allow.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, check(step(SET, Mode.MODE_CHECK)).getOutcome());
    }

    @Test
    void aDifferentValueInVolumeInfoIsConfirmedWithVolumeGet() {
        runner.expect(INFO).stdout(sample("volume-info-auth-allow.xml"));
        runner.expect(GET).stdout(sample("volume-get-auth-allow.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, check(step("10.0.0.*,node1", Mode.MODE_CHECK)).getOutcome());
    }

    @Test
    void itemsCompareTrimmedSoGlusterDroppingSpacesIsNoDifference() {
        runner.expect(INFO).stdout(sample("volume-info-auth-allow-node1.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step("10.0.0.*, node1")).getOutcome());
    }

    @Test
    void itemsCompareInOrderBecauseOrderIsWhatTheOperatorWrote() {
        runner.expect(INFO).stdout(sample("volume-info-auth-allow-node1.xml"));
        runner.expect(GET).stdout(sample("volume-get-auth-allow.xml"));

        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, check(step("node1,10.0.0.*", Mode.MODE_CHECK)).getOutcome());
    }

    @Test
    void checkModeSaysWhatWouldChangeAndSetsNothing() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));

        ActionResult result = check(step("10.0.0.*,node1", Mode.MODE_CHECK));

        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, result.getOutcome());
    }

    @Test
    void aMissingVolumeIsAFailedPreconditionRefusalWhenApplying() {
        runner.expect(INFO).stdout(sample("volume-info-missing.xml"));

        ActionResult result = apply(step("10.0.0.*", Mode.MODE_APPLY));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals(Refusal.REFUSAL_FAILED_PRECONDITION, result.getRefusal());
        assertEquals("volume gfs does not exist; create it before setting auth.allow", result.getSummary());
    }

    @Test
    void aValueGlusterRejectsFailsWithGlustersReason() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(gluster("volume", "set", "gfs", "auth.allow", "bad;x")).stdout(sample("volume-set-invalid.xml"));

        ActionResult result = apply(step("bad;x"));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertEquals("option auth.addr./gluster/b1.allow bad;x: 'bad;x' is not a valid internet-address-list",
                result.getFailure().getStderr());
    }

    @Test
    void aSetThatDoesNotShowUpFailsVerification() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(gluster("volume", "set", "gfs", "auth.allow", "10.0.0.*,node1")).stdout(sample("volume-set.xml"));
        runner.expect(GET).stdout(sample("volume-get-auth-allow-default.xml"));

        ActionResult result = apply(step("10.0.0.*,node1"));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
    }

    @Test
    void aMissingVolumeIsOnlyReportedInACheckBecauseThePlanCreatesItFirst() {
        runner.expect(INFO).stdout(sample("volume-info-missing.xml"));

        ActionResult result = check(step("10.0.0.*", Mode.MODE_CHECK));

        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, result.getOutcome());
        assertEquals(List.of("set auth.allow of volume gfs to 10.0.0.* (it does not exist yet)"),
                result.getChangesList());
    }

    private VolumeOptionStep step(String value) {
        return step(value, Mode.MODE_APPLY);
    }

    /** The mode the request had: the step itself is then run with apply() or check(). */
    private VolumeOptionStep step(String value, Mode mode) {
        return new VolumeOptionStep("gfs", "auth.allow", value, new CliGlusterCli(runner), context(new FakeTicker()),
                mode);
    }
}
