package io.brickwork.agent.steps;

import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.check;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.directories.NioDirectories;
import io.brickwork.agent.mount.CommandMounter;
import io.brickwork.agent.mount.FakeMountTable;
import io.brickwork.agent.ownership.FakeOwnership;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountedStepTest {
    private static final String SOURCE = "localhost:/gfs";
    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final FakeMountTable mounts = new FakeMountTable();
    private final FakeOwnership ownership = new FakeOwnership().withGroup("docker");
    private final FakeTicker ticker = new FakeTicker();

    @TempDir
    Path dir;
    Path mountPoint;

    @BeforeEach
    void mountPointPath() {
        mountPoint = dir.resolve("mnt/gfs");
    }

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void freshNodeCreatesTheMountPointMountsFromFstabAndOwnsTheRoot() {
        runner.expect("mount", "-o", "nosuid,nodev", mountPoint.toString()).does(() -> mounts.mountGlusterfs(SOURCE, mountPoint));

        ActionResult result = apply(step("root", "docker"));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(List.of("create directory " + mountPoint, "mount localhost:/gfs on " + mountPoint,
                "make " + mountPoint + " owned by root:docker (mount root only)"), result.getChangesList());
        assertTrue(Files.isDirectory(mountPoint));
        assertEquals(List.of("chown root:docker " + mountPoint), ownership.changes());
    }

    @Test
    void convergedNodeRunsNoCommandAndChownsNothing() throws IOException {
        Files.createDirectories(mountPoint);
        mounts.mountGlusterfs(SOURCE, mountPoint);
        ownership.owned(mountPoint, "root", "docker");

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step("root", "docker")).getOutcome());
        assertEquals(List.of(), ownership.changes());
    }

    @Test
    void aMountedVolumeWithTheWrongGroupIsOnlyChowned() throws IOException {
        Files.createDirectories(mountPoint);
        mounts.mountGlusterfs(SOURCE, mountPoint);

        ActionResult result = apply(step("root", "docker"));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(List.of("chown root:docker " + mountPoint + " (now root:root)"), result.getChangesList());
        assertEquals(List.of("chown root:docker " + mountPoint), ownership.changes());
    }

    @Test
    void somethingElseMountedThereIsRefused() {
        mounts.mount("/dev/sdb1", mountPoint, "ext4");

        ActionResult result = apply(step("root", "docker"));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("/dev/sdb1 (ext4)"), result.getSummary());
        assertEquals(List.of(), ownership.changes());
    }

    @Test
    void anotherVolumeMountedThereIsRefused() {
        mounts.mountGlusterfs("localhost:/other", mountPoint);

        assertEquals(Outcome.OUTCOME_REFUSED, apply(step("root", "docker")).getOutcome());
    }

    @Test
    void aMissingGroupIsRefusedBeforeAnythingIsMounted() {
        ActionResult result = apply(step("root", "staff"));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals("group 'staff' does not exist on this node", result.getSummary());
    }

    @Test
    void aMountThatNeverShowsUpFailsAfterWaiting() throws IOException {
        Files.createDirectories(mountPoint);
        runner.expect("mount", "-o", "nosuid,nodev", mountPoint.toString());

        ActionResult result = apply(step("root", "docker"));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertTrue(result.getFailure().getMessage().contains("the kernel shows no mount there"),
                result.getFailure().getMessage());
    }

    @Test
    void aFailedMountCarriesItsStderr() throws IOException {
        Files.createDirectories(mountPoint);
        runner.expect("mount", "-o", "nosuid,nodev", mountPoint.toString()).exits(32)
                .stderr("mount: " + mountPoint + ": can't find in /etc/fstab.\n");

        ActionResult result = apply(step("root", "docker"));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertEquals(32, result.getFailure().getExitCode());
        assertEquals(List.of("mount", "-o", "nosuid,nodev", mountPoint.toString()), result.getFailure().getArgvList());
    }

    @Test
    void aMountPointOnAGlusterfsMountIsRefusedAndNothingIsMounted() throws IOException {
        Files.createDirectories(mountPoint);
        mounts.mountGlusterfs("localhost:/other", dir.resolve("mnt"));

        ActionResult result = apply(step("root", "docker"));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("lies on localhost:/other"), result.getSummary());
        assertEquals(List.of(), ownership.changes());
    }

    @Test
    void aSymlinkInTheMountPointPathIsNeitherFollowedNorMountedOn() throws IOException {
        Path victim = Files.createDirectory(dir.resolve("victim"));
        Files.createSymbolicLink(dir.resolve("mnt"), victim);

        ActionResult result = apply(step("root", "docker"));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains(dir.resolve("mnt") + " is a symlink"), result.getSummary());
        assertEquals(List.of(), List.of(victim.toFile().list()));
    }

    @Test
    void aMountRootSwappedForASymlinkAfterTheCheckIsNotChowned() throws IOException {
        Path victim = Files.createDirectory(dir.resolve("victim"));
        Files.createDirectories(mountPoint);
        mounts.mountGlusterfs(SOURCE, mountPoint);
        MountedStep step = step("root", "docker");
        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, check(step).getOutcome());
        Files.delete(mountPoint);
        Files.createSymbolicLink(mountPoint, victim);

        StepFailedException failed = assertThrows(StepFailedException.class, step::apply);

        assertTrue(failed.getMessage().contains("is a symlink"), failed.getMessage());
        assertEquals(List.of(), ownership.changes());
    }

    @Test
    void checkModeMountsNothing() {
        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, check(step("root", "docker")).getOutcome());
        assertTrue(runner.calls().isEmpty());
    }

    private MountedStep step(String owner, String group) {
        return new MountedStep(SOURCE, mountPoint, owner, group, mounts, new CommandMounter(runner), ownership,
                new NioDirectories(), context(ticker));
    }
}
