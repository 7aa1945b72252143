package io.brickwork.coordinator.health.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.health.problems.Problem;
import io.brickwork.proto.agent.v1.MountReport;
import io.brickwork.proto.common.v1.MountState;
import io.brickwork.proto.coordinator.v1.ProblemKind;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MountRuleTest {
    private static MountRule.MountVerdict verdict(MountState state, String source) {
        MountReport report = MountReport.newBuilder().setMountPoint("/mnt").setState(state).setSource(source).build();
        return MountRule.verdict(new MountRule.Input("node1", "staging-gfs", "/mnt", Optional.of(report)),
                new Now(0, Duration.ofSeconds(5)));
    }

    private static Optional<Problem> problem(ProblemKind kind, String source) {
        return Optional.of(Problem.mount(kind, "node1", "staging-gfs", "/mnt", source));
    }

    @Test
    void theVolumeMountedAndAnsweringIsNoProblem() {
        MountRule.MountVerdict verdict = verdict(MountState.MOUNT_STATE_OK, "localhost:/staging-gfs");

        assertEquals(Optional.empty(), verdict.problem());
        assertTrue(verdict.mount().orElseThrow().getMounted());
    }

    @Test
    void anotherVolumeMountedThereIsTheWrongVolume() {
        assertEquals(problem(ProblemKind.PROBLEM_KIND_MOUNT_WRONG_VOLUME, "localhost:/other"),
                verdict(MountState.MOUNT_STATE_OK, "localhost:/other").problem());
    }

    @Test
    void nothingMountedIsNotMounted() {
        MountRule.MountVerdict verdict = verdict(MountState.MOUNT_STATE_NOT_MOUNTED, "");

        assertEquals(problem(ProblemKind.PROBLEM_KIND_NOT_MOUNTED, ""), verdict.problem());
        assertFalse(verdict.mount().orElseThrow().getMounted());
    }

    @Test
    void aHungMountAndAnotherFileSystemAreMountedButProblems() {
        assertEquals(problem(ProblemKind.PROBLEM_KIND_MOUNT_HUNG, "localhost:/staging-gfs"),
                verdict(MountState.MOUNT_STATE_HUNG, "localhost:/staging-gfs").problem());
        assertEquals(problem(ProblemKind.PROBLEM_KIND_MOUNT_WRONG_FS, "/dev/sdb1"),
                verdict(MountState.MOUNT_STATE_WRONG_FS, "/dev/sdb1").problem());
        assertTrue(verdict(MountState.MOUNT_STATE_WRONG_FS, "/dev/sdb1").mount().orElseThrow().getMounted());
    }

    @Test
    void aMountPointTheReportDoesNotMentionIsNeitherListedNorAProblem() {
        MountRule.MountVerdict verdict = MountRule.verdict(new MountRule.Input("node1", "staging-gfs", "/mnt",
                Optional.empty()), new Now(0, Duration.ofSeconds(5)));

        assertEquals(Optional.empty(), verdict.mount());
        assertEquals(Optional.empty(), verdict.problem());
    }
}
