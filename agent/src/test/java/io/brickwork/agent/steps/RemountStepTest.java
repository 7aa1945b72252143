package io.brickwork.agent.steps;

import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.agent.mount.CommandMounter;
import io.brickwork.agent.mount.CommandUnmounter;
import io.brickwork.agent.mount.FakeMountTable;
import io.brickwork.agent.ownership.Owners;
import io.brickwork.agent.report.MountProber;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.agent.system.SystemTicker;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A mount whose FUSE client no longer answers (its volume switched to TLS under it) is mounted again. */
class RemountStepTest {
    static final String SOURCE = "localhost:/gfs";
    static final Path MNT = Path.of("/mnt/gfs");

    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final FakeMountTable mounts = new FakeMountTable();
    private final AtomicBoolean answers = new AtomicBoolean();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void aMountThatAnswersIsLeftAlone() {
        mounts.mountGlusterfs(SOURCE, MNT);
        answers.set(true);

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step()).getOutcome());
    }

    @Test
    void aMountThatNoLongerAnswersIsDetachedLazilyAndMountedAgain() {
        mounts.mountGlusterfs(SOURCE, MNT);
        runner.expect("umount", "-l", MNT.toString()).does(() -> mounts.unmount(MNT));
        runner.expect("mount", "-o", "nosuid,nodev", MNT.toString()).does(() -> {
            mounts.mountGlusterfs(SOURCE, MNT);
            answers.set(true);
        });

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void aMissingMountIsMounted() {
        answers.set(true);
        runner.expect("mount", "-o", "nosuid,nodev", MNT.toString()).does(() -> mounts.mountGlusterfs(SOURCE, MNT));

        assertEquals(Outcome.OUTCOME_CHANGED, apply(step()).getOutcome());
    }

    @Test
    void anotherFilesystemThereIsRefused() {
        mounts.mount("/dev/sdb1", MNT, "ext4");

        assertEquals(Outcome.OUTCOME_REFUSED, apply(step()).getOutcome());
    }

    private RemountStep step() {
        MountProber prober = new MountProber(path -> {
            if (!answers.get()) {
                throw new IOException("Transport endpoint is not connected");
            }
            return new Owners("root", "root");
        }, Duration.ofSeconds(2), new SystemTicker());
        return new RemountStep(SOURCE, MNT, mounts, prober, new CommandUnmounter(runner), new CommandMounter(runner),
                context(new FakeTicker()));
    }
}
