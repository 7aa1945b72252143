package io.brickwork.agent.steps;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.check;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.directories.NioDirectories;
import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.gluster.GlusterdStore;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.agent.xattr.GetfattrBrickXattrs;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrickDirectoryStepTest {
    private static final String GFS_ID_HEX = "# file: brick\ntrusted.glusterfs.volume-id=0xc3233a8378964424ba7cc05ebca019de\n\n";
    private static final String OTHER_ID_HEX = "# file: brick\ntrusted.glusterfs.volume-id=0x826d9a1971d34660a27c5f2e5b7c1e78\n\n";
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @TempDir
    Path dir;

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void freshNodeGetsTheDirectoryAndItsParentsWithMode0755() throws IOException {
        Path brick = dir.resolve("gluster/brick");
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));

        ActionResult result = apply(step(brick));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(List.of("create directory " + brick + " (mode 0755)"), result.getChangesList());
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(brick)));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(brick.getParent())));
    }

    @Test
    void aMissingDirectoryTheVolumeListsAsThisNodesBrickIsRefusedAndNotCreated() {
        Path brick = dir.resolve("gluster/brick");
        runner.expect(gluster("volume", "info", "gfs"))
                .stdout(sample("volume-info-started.xml").replace("/gluster/brick", brick.toString()));

        ActionResult result = apply(new BrickDirectoryStep(brick, "gfs", new NioDirectories(),
                new GetfattrBrickXattrs(runner), new CliGlusterCli(runner), new GlusterdStore(dir.resolve("glusterd")),
                host -> host.equals("node2"), context(new FakeTicker())));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("its disk is probably not mounted"), result.getSummary());
        assertFalse(Files.exists(brick.getParent()));
    }

    @Test
    void aMissingDirectoryOfAnotherNodesBrickIsCreated() {
        Path brick = dir.resolve("gluster/brick");
        runner.expect(gluster("volume", "info", "gfs"))
                .stdout(sample("volume-info-started.xml").replace("/gluster/brick", brick.toString()));

        assertEquals(Outcome.OUTCOME_CHANGED, apply(step(brick)).getOutcome());
        assertTrue(Files.isDirectory(brick));
    }

    @Test
    void anEmptyExistingDirectoryIsUnchanged() throws IOException {
        Path brick = Files.createDirectory(dir.resolve("brick"));
        expectGetfattr(brick).exits(1).stderr(brick + ": trusted.glusterfs.volume-id: No such attribute\n");

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step(brick)).getOutcome());
    }

    @Test
    void aBrickOfTheNamedVolumeIsUnchanged() throws IOException {
        Path brick = Files.createDirectory(dir.resolve("brick"));
        expectGetfattr(brick).stdout(GFS_ID_HEX);
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-started.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step(brick)).getOutcome());
    }

    @Test
    void aBrickOfAnotherVolumeIsRefused() throws IOException {
        Path brick = Files.createDirectory(dir.resolve("brick"));
        expectGetfattr(brick).stdout(OTHER_ID_HEX);
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-started.xml"));

        ActionResult result = apply(step(brick));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("holds data of another volume (volume-id 826d9a19-71d3-4660-a27c-5f2e5b7c1e78)"),
                result.getSummary());
    }

    @Test
    void aUsedBrickIsRefusedWhenTheNamedVolumeDoesNotExist() throws IOException {
        Path brick = Files.createDirectory(dir.resolve("brick"));
        expectGetfattr(brick).stdout(GFS_ID_HEX);
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));

        ActionResult result = check(step(brick));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("volume gfs does not exist"), result.getSummary());
    }

    @Test
    void glusterdsOwnRecordOfTheVolumeIdSparesTheCliCall() throws IOException {
        Path brick = Files.createDirectory(dir.resolve("brick"));
        storeVolumeId("C3233A83-7896-4424-BA7C-C05EBCA019DE");
        expectGetfattr(brick).stdout(GFS_ID_HEX);

        assertEquals(Outcome.OUTCOME_UNCHANGED, check(step(brick)).getOutcome());
        assertEquals(1, runner.calls().size(), "only getfattr ran: " + runner.calls());
    }

    @Test
    void aRecordThatDisagreesIsConfirmedWithGlusterdBeforeRefusing() throws IOException {
        Path brick = Files.createDirectory(dir.resolve("brick"));
        storeVolumeId("826d9a19-71d3-4660-a27c-5f2e5b7c1e78");
        expectGetfattr(brick).stdout(GFS_ID_HEX);
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-started.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, check(step(brick)).getOutcome(), "glusterd's answer wins");
    }

    @Test
    void aFileInTheWayIsRefused() throws IOException {
        Path brick = Files.writeString(dir.resolve("brick"), "not a directory");

        assertEquals(Outcome.OUTCOME_REFUSED, apply(step(brick)).getOutcome());
    }

    @Test
    void checkModeCreatesNothing() {
        Path brick = dir.resolve("brick");
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));

        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, check(step(brick)).getOutcome());
        assertFalse(Files.exists(brick));
    }

    private void storeVolumeId(String id) throws IOException {
        Path info = Files.createDirectories(dir.resolve("glusterd/vols/gfs")).resolve("info");
        Files.writeString(info, "type=2\ncount=3\nstatus=1\nsub_count=3\nvolume-id=" + id + "\nusername=x\n");
    }

    private RecordingCommandRunner.Expectation expectGetfattr(Path brick) {
        return runner.expect("getfattr", "--absolute-names", "-n", "trusted.glusterfs.volume-id", "-e", "hex",
                brick.toString());
    }

    private BrickDirectoryStep step(Path brick) {
        return new BrickDirectoryStep(brick, "gfs", new NioDirectories(), new GetfattrBrickXattrs(runner), new CliGlusterCli(runner),
                new GlusterdStore(dir.resolve("glusterd")), host -> false, context(new FakeTicker()));
    }
}
