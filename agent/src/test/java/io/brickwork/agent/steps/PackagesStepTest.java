package io.brickwork.agent.steps;

import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.check;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.agent.packages.AptPackages;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PackagesStepTest {
    private static final String[] QUERY = {"dpkg-query", "-W", "-f=${Package} ${db:Status-Status}\\n",
            "glusterfs-server", "glusterfs-client", "attr"};
    private static final String ALL_INSTALLED = "attr installed\nglusterfs-client installed\nglusterfs-server installed\n";
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void freshNodeInstallsOnlyWhatIsMissing() {
        runner.expect(QUERY).exits(1).stdout("attr installed\n");
        runner.expect("apt-get", "update", "-q");
        runner.expect("apt-get", "install", "-y", "-q", "--no-install-recommends", "glusterfs-server",
                "glusterfs-client");
        runner.expect(QUERY).stdout(ALL_INSTALLED);

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(List.of("install glusterfs-server", "install glusterfs-client"), result.getChangesList());
    }

    @Test
    void convergedNodeOnlyQueriesDpkg() {
        runner.expect(QUERY).stdout(ALL_INSTALLED);

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step()).getOutcome());
        assertEquals(1, runner.calls().size());
    }

    @Test
    void checkModeNeverRunsAptGet() {
        runner.expect(QUERY).exits(1).stdout("attr installed\n");

        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, check(step()).getOutcome());
    }

    @Test
    void aFailedInstallReportsTheCommandExitCodeAndStderr() {
        runner.expect(QUERY).exits(1).stdout("attr installed\n");
        runner.expect("apt-get", "update", "-q");
        runner.expect("apt-get", "install", "-y", "-q", "--no-install-recommends", "glusterfs-server",
                "glusterfs-client").exits(100).stderr("E: Unable to locate package glusterfs-client\n");

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertEquals("apt-get", result.getFailure().getArgv(0));
        assertEquals(100, result.getFailure().getExitCode());
        assertEquals("E: Unable to locate package glusterfs-client\n", result.getFailure().getStderr());
    }

    private PackagesStep step() {
        return new PackagesStep(List.of("glusterfs-server", "glusterfs-client", "attr"), new AptPackages(runner),
                context(new FakeTicker()));
    }
}
