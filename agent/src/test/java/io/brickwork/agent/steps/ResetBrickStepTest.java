package io.brickwork.agent.steps;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.check;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.directories.NioDirectories;
import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.agent.xattr.GetfattrBrickXattrs;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResetBrickStepTest {
    private static final String BRICK = "node2:/gluster/brick";
    private static final String[] INFO = gluster("volume", "info", "gfs");
    private static final String GFS_ID_HEX = "# file: brick\ntrusted.glusterfs.volume-id=0xc3233a8378964424ba7cc05ebca019de\n\n";
    private static final String OTHER_ID_HEX = "# file: brick\ntrusted.glusterfs.volume-id=0x826d9a1971d34660a27c5f2e5b7c1e78\n\n";
    private static final String COMMIT_FAILED = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<cliOutput><opRet>-1</opRet><opErrno>0</opErrno>"
            + "<opErrstr>Commit failed on localhost. Please check log file for details.</opErrstr></cliOutput>\n";
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @TempDir
    Path dir;

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void anEmptyDirectoryWithoutAVolumeIdIsResetAndThenCarriesTheVolumesId() throws IOException {
        Path brick = Files.createDirectories(dir.resolve("brick/lost+found")).getParent();
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        noVolumeId(brick);
        runner.expect(gluster("volume", "reset-brick", "gfs", BRICK, "start")).stdout(sample("volume-reset-brick.xml"));
        runner.expect(gluster("volume", "reset-brick", "gfs", BRICK, BRICK, "commit", "force"))
                .stdout(sample("volume-reset-brick.xml"));
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        getfattr(brick).stdout(GFS_ID_HEX);

        ActionResult result = apply(step(brick));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void aCommitGlusterdReportsFailedIsTriedAgainWhileTheDirectoryIsStillEmpty() throws IOException {
        Path brick = Files.createDirectory(dir.resolve("brick"));
        String[] start = gluster("volume", "reset-brick", "gfs", BRICK, "start");
        String[] commit = gluster("volume", "reset-brick", "gfs", BRICK, BRICK, "commit", "force");
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        noVolumeId(brick);
        runner.expect(start).stdout(sample("volume-reset-brick.xml"));
        runner.expect(commit).stdout(COMMIT_FAILED);
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        noVolumeId(brick);
        runner.expect(start).stdout(sample("volume-reset-brick.xml"));
        runner.expect(commit).stdout(sample("volume-reset-brick.xml"));
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        getfattr(brick).stdout(GFS_ID_HEX);

        assertEquals(Outcome.OUTCOME_CHANGED, apply(step(brick)).getOutcome());
    }

    @Test
    void aCommitReportedFailedThatTookEffectIsDone() throws IOException {
        Path brick = Files.createDirectory(dir.resolve("brick"));
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        noVolumeId(brick);
        runner.expect(gluster("volume", "reset-brick", "gfs", BRICK, "start")).stdout(sample("volume-reset-brick.xml"));
        runner.expect(gluster("volume", "reset-brick", "gfs", BRICK, BRICK, "commit", "force")).stdout(COMMIT_FAILED);
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        getfattr(brick).stdout(GFS_ID_HEX);
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        getfattr(brick).stdout(GFS_ID_HEX);

        assertEquals(Outcome.OUTCOME_CHANGED, apply(step(brick)).getOutcome());
    }

    @Test
    void aDirectoryCarryingTheVolumesIdIsUnchangedAndNothingRuns() throws IOException {
        Path brick = Files.createDirectory(dir.resolve("brick"));
        Files.writeString(brick.resolve("data"), "x");
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        getfattr(brick).stdout(GFS_ID_HEX);

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step(brick)).getOutcome());
    }

    @Test
    void dataWithoutAVolumeIdIsRefusedAndNamed() throws IOException {
        Path brick = Files.createDirectory(dir.resolve("brick"));
        Files.writeString(brick.resolve("precious.db"), "x");
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        noVolumeId(brick);

        ActionResult result = apply(step(brick));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("holds data (precious.db) but no volume's id"), result.getSummary());
        assertTrue(Files.exists(brick.resolve("precious.db")));
    }

    @Test
    void anotherVolumesBrickIsRefused() throws IOException {
        Path brick = Files.createDirectory(dir.resolve("brick"));
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        getfattr(brick).stdout(OTHER_ID_HEX);

        ActionResult result = apply(step(brick));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("carries the id of another volume"), result.getSummary());
    }

    @Test
    void aMissingDirectoryIsRefusedWithoutCreatingIt() {
        Path brick = dir.resolve("brick");
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));

        ActionResult result = apply(step(brick));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("does not exist"), result.getSummary());
        assertTrue(Files.notExists(brick));
    }

    @Test
    void aSymlinkedDirectoryIsRefused() throws IOException {
        Path target = Files.createDirectory(dir.resolve("elsewhere"));
        Path brick = Files.createSymbolicLink(dir.resolve("brick"), target);
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));

        assertEquals(Outcome.OUTCOME_REFUSED, apply(step(brick)).getOutcome());
    }

    @Test
    void aBrickTheVolumeDoesNotListIsRefused() throws IOException {
        Path brick = Files.createDirectory(dir.resolve("brick"));
        runner.expect(INFO).stdout(sample("volume-info-node3-replaced.xml"));

        ActionResult result = check(new ResetBrickStep("gfs", "node3:/gluster/brick", brick, new NioDirectories(),
                new GetfattrBrickXattrs(runner), new CliGlusterCli(runner), context(new FakeTicker())));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("is not a brick of volume gfs"), result.getSummary());
    }

    private ResetBrickStep step(Path directory) {
        return new ResetBrickStep("gfs", BRICK, directory, new NioDirectories(), new GetfattrBrickXattrs(runner),
                new CliGlusterCli(runner), context(new FakeTicker()));
    }

    private void noVolumeId(Path brick) {
        getfattr(brick).exits(1).stderr(brick + ": trusted.glusterfs.volume-id: No such attribute\n");
    }

    private RecordingCommandRunner.Expectation getfattr(Path brick) {
        return runner.expect("getfattr", "--absolute-names", "-n", "trusted.glusterfs.volume-id", "-e", "hex",
                brick.toString());
    }
}
