package io.brickwork.agent.steps;

import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.check;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.files.AtomicFileWriter;
import io.brickwork.agent.mount.CommandUnmounter;
import io.brickwork.agent.mount.FakeMountTable;
import io.brickwork.agent.mount.MountUser;
import io.brickwork.agent.services.SystemdManager;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseMountsStepTest {
    private static final String SOURCE = "localhost:/gfs";
    private static final Path MNT = Path.of("/mnt/gfs");
    private static final String OURS = "localhost:/gfs /mnt/gfs glusterfs defaults,_netdev,nosuid,nodev 0 0\n";
    private static final String OPERATORS = "UUID=abc / ext4 errors=remount-ro 0 1\n# a comment\n";

    @TempDir
    Path etc;

    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final FakeTicker ticker = new FakeTicker();
    private final FakeMountTable mounts = new FakeMountTable();
    private final Map<Path, List<MountUser>> users = new HashMap<>();
    private final List<String> systemctl = new ArrayList<>();
    private final SystemdManager systemd = new SystemdManager() {
        @Override
        public boolean systemdManaged() {
            return true;
        }

        @Override
        public void daemonReload(Duration timeout) {
            systemctl.add("daemon-reload");
        }
    };

    @BeforeEach
    void aNodeThatMountsTheVolume() throws IOException {
        Files.writeString(fstab(), OPERATORS + OURS);
        Files.createDirectories(dropIn().getParent());
        Files.writeString(dropIn(), DockerMountOrderStep.content(List.of(Path.of("/mnt/other"), MNT)));
        mounts.mountGlusterfs(SOURCE, MNT);
    }

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void anUnusedMountIsUnmountedAndLeavesFstabAndTheDropInWhereEveryOtherLineStays() throws IOException {
        runner.expect("umount", MNT.toString()).does(() -> mounts.unmount(MNT));

        ActionResult result = apply(step(false));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
        assertEquals(List.of("unmount /mnt/gfs", fstab() + ": remove line 3: " + OURS.strip(),
                dropIn() + ": remove RequiresMountsFor=/mnt/gfs"), result.getChangesList());
        assertEquals(List.of(), mounts.mounts());
        assertEquals(OPERATORS, Files.readString(fstab()));
        assertEquals(DockerMountOrderStep.content(List.of(Path.of("/mnt/other"))), Files.readString(dropIn()));
        assertEquals(List.of("daemon-reload"), systemctl);
    }

    @Test
    void aMountInUseIsRefusedNamingTheProcessesAndNothingChanges() throws IOException {
        users.put(MNT, List.of(new MountUser(4242, "sleep"), new MountUser(4250, "sh")));

        ActionResult result = apply(step(false));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome(), result.toString());
        assertTrue(result.getSummary().contains("/mnt/gfs is in use by 4242 (sleep), 4250 (sh)"), result.toString());
        assertEquals(1, mounts.mounts().size());
        assertEquals(OPERATORS + OURS, Files.readString(fstab()));
        assertTrue(Files.readString(dropIn()).contains("RequiresMountsFor=/mnt/gfs"));
    }

    @Test
    void withForceAMountInUseIsDetachedLazily() throws IOException {
        users.put(MNT, List.of(new MountUser(4242, "sleep")));
        runner.expect("umount", "-l", MNT.toString()).does(() -> {
            mounts.unmount(MNT);
            users.remove(MNT);
        });

        ActionResult result = apply(step(true));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
        assertEquals("detach /mnt/gfs (umount -l) although it is in use by 4242 (sleep)", result.getChanges(0));
        assertEquals(OPERATORS, Files.readString(fstab()));
    }

    @Test
    void aMountBusyForAMomentWithNoProcessHoldingItIsUnmountedOnALaterTry() throws IOException {
        runner.expect("umount", MNT.toString()).exits(32).stderr("umount: /mnt/gfs: target is busy.\n");
        runner.expect("umount", MNT.toString()).exits(32).stderr("umount: /mnt/gfs: target is busy.\n");
        runner.expect("umount", MNT.toString()).does(() -> mounts.unmount(MNT));

        ActionResult result = apply(step(false, ticker));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), ticker.sleeps());
        assertEquals(List.of(), mounts.mounts());
        assertEquals(OPERATORS, Files.readString(fstab()));
    }

    @Test
    void aMountThatStaysBusyFailsTheStepNamingUmountsWordsAndFstabKeepsItsLine() throws IOException {
        for (int i = 0; i < 8; i++) {
            runner.expect("umount", MNT.toString()).exits(32).stderr("umount: /mnt/gfs: target is busy.\n");
        }

        ActionResult result = apply(step(false, ticker));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome(), result.toString());
        assertTrue(result.getSummary().contains("target is busy"), result.toString());
        assertEquals(7, ticker.sleeps().size());
        assertEquals(1, mounts.mounts().size());
        assertEquals(OPERATORS + OURS, Files.readString(fstab()));
    }

    @Test
    void theTriesOfABusyMountStopBeforeTheRequestsDeadline() {
        for (int i = 0; i < 4; i++) {
            runner.expect("umount", MNT.toString()).exits(32).stderr("umount: /mnt/gfs: target is busy.\n");
        }

        ActionResult result = apply(new ReleaseMountsStep(List.of(new ReleaseMountsStep.Released(SOURCE, MNT)), false,
                fstab(), dropIn(), mounts, mountPoint -> users.getOrDefault(mountPoint, List.of()),
                new CommandUnmounter(runner), new AtomicFileWriter(), systemd, context(ticker, Duration.ofSeconds(1))));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome(), result.toString());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)), ticker.sleeps());
    }

    @Test
    void aProcessThatStartsUsingABusyMountBetweenTriesIsNamedAndNothingChanges() throws IOException {
        runner.expect("umount", MNT.toString()).exits(32).stderr("umount: /mnt/gfs: target is busy.\n")
                .does(() -> users.put(MNT, List.of(new MountUser(4242, "sleep"))));

        ActionResult result = apply(step(false, ticker));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome(), result.toString());
        assertTrue(result.getSummary().contains("/mnt/gfs is in use by 4242 (sleep)"), result.toString());
        assertEquals(1, mounts.mounts().size());
        assertEquals(OPERATORS + OURS, Files.readString(fstab()));
    }

    @Test
    void anUnmountFailingForAnotherReasonIsNotTriedAgain() {
        runner.expect("umount", MNT.toString()).exits(32).stderr("umount: /mnt/gfs: not mounted.\n");

        ActionResult result = apply(step(false, ticker));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome(), result.toString());
        assertEquals(List.of(), ticker.sleeps());
    }

    @Test
    void aReleasedNodeIsInSyncAndRunsNoCommand() throws IOException {
        mounts.unmount(MNT);
        Files.writeString(fstab(), OPERATORS);
        Files.writeString(dropIn(), DockerMountOrderStep.content(List.of(Path.of("/mnt/other"))));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step(false)).getOutcome());
        assertEquals(Outcome.OUTCOME_UNCHANGED, check(step(false)).getOutcome());
    }

    @Test
    void anotherFilesystemOnTheMountPointAndAnOperatorsFstabLineAreNotOurs() throws IOException {
        mounts.unmount(MNT);
        mounts.mount("/dev/sdb1", MNT, "ext4");
        String operators = OPERATORS + "/dev/sdb1 /mnt/gfs ext4 defaults 0 2\n";
        Files.writeString(fstab(), operators);
        Files.writeString(dropIn(), DockerMountOrderStep.content(List.of()));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step(false)).getOutcome());
        assertEquals(operators, Files.readString(fstab()));
        assertEquals(1, mounts.mounts().size());
    }

    private ReleaseMountsStep step(boolean force) {
        return step(force, new FakeTicker());
    }

    private ReleaseMountsStep step(boolean force, FakeTicker clock) {
        return new ReleaseMountsStep(List.of(new ReleaseMountsStep.Released(SOURCE, MNT)), force, fstab(), dropIn(),
                mounts, mountPoint -> users.getOrDefault(mountPoint, List.of()), new CommandUnmounter(runner),
                new AtomicFileWriter(), systemd, context(clock));
    }

    private Path fstab() {
        return etc.resolve("fstab");
    }

    private Path dropIn() {
        return etc.resolve("systemd/system/docker.service.d/brickwork-mounts.conf");
    }
}
