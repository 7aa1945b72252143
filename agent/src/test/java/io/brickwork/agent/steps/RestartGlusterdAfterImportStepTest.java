package io.brickwork.agent.steps;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.check;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.files.AtomicFileWriter;
import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.gluster.GlusterdIdentity;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartGlusterdAfterImportStepTest {
    private static final Instant STARTED = Instant.parse("2026-12-05T06:37:17Z");
    private static final Instant IMPORTED = STARTED.plusSeconds(1);
    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final RecordingGlusterd glusterd = new RecordingGlusterd();

    @TempDir
    Path workdir;

    @BeforeEach
    void aGlusterdThatImportedTheVolumeAfterItStarted() throws IOException {
        Path info = workdir.resolve("vols/gfs/info");
        Files.createDirectories(info.getParent());
        Files.writeString(info, "type=2\n");
        Files.setLastModifiedTime(info, FileTime.from(IMPORTED));
        glusterd.startedAt = Optional.of(STARTED);
        glusterd.startTime = IMPORTED.plusSeconds(30);
    }

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void glusterdThatStoredTheVolumeAfterItStartedIsRestartedOnceAndWaitedForWithItsPeers() {
        runner.expect(gluster("pool", "list")).stdout(sample("pool-list.xml"));
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-two-peers.xml"));

        ActionResult result = apply(step(List.of("gfs")));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
        assertEquals(List.of("stop", "start"), glusterd.calls);
        assertTrue(result.getChanges(0).contains("imported gfs (stored " + IMPORTED + ") after it started at "
                + STARTED), result.toString());
    }

    @Test
    void glusterdStartedAfterItStoredTheVolumeIsInSyncAndLeftAlone() {
        glusterd.startedAt = Optional.of(IMPORTED.plusMillis(10));

        ActionResult result = apply(step(List.of("gfs")));

        assertEquals(Outcome.OUTCOME_UNCHANGED, result.getOutcome(), result.toString());
        assertEquals(List.of(), glusterd.calls);
    }

    @Test
    void aGlusterdWhoseStartTimeIsUnknownIsRestarted() {
        glusterd.startedAt = Optional.empty();

        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, check(step(List.of("gfs"))).getOutcome());
    }

    @Test
    void aVolumeNotImportedYetIsRefusedAndGlusterdIsLeftAlone() {
        ActionResult result = apply(step(List.of("gfs", "other")));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome(), result.toString());
        assertTrue(result.getSummary().contains("glusterd holds no volume other here"), result.getSummary());
        assertEquals(List.of(), glusterd.calls);
    }

    @Test
    void withoutLeaveToRestartGlusterdItIsRefused() {
        glusterd.restartable = false;

        ActionResult result = apply(step(List.of("gfs")));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome(), result.toString());
        assertTrue(result.getSummary().contains("restart-unmanaged-glusterd"), result.getSummary());
        assertEquals(List.of(), glusterd.calls);
    }

    private RestartGlusterdAfterImportStep step(List<String> volumes) {
        return new RestartGlusterdAfterImportStep(volumes, new GlusterdIdentity(workdir, new AtomicFileWriter()),
                glusterd, new CliGlusterCli(runner), context(new FakeTicker()));
    }
}
