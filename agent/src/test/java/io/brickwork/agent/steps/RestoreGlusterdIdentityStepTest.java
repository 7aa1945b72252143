package io.brickwork.agent.steps;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static io.brickwork.agent.steps.StepTests.apply;
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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreGlusterdIdentityStepTest {
    private static final String OLD_UUID = "8ee1de47-3b90-4ba5-8e32-8ed9f763428c";
    private static final String FRESH_UUID = "922a5c4b-e13a-413a-afef-da95babd26ce";
    private static final List<GlusterdIdentity.Peer> PEERS = List.of(
            new GlusterdIdentity.Peer("4413913c-9da2-40fc-b5c5-b0cb7f0164c6", "node2"),
            new GlusterdIdentity.Peer("7f5f3bf7-cb3b-48c7-a3ed-218edcb6a98e", "node3"));
    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final RecordingGlusterd glusterd = new RecordingGlusterd();

    @TempDir
    Path workdir;

    @BeforeEach
    void freshInstall() throws IOException {
        Files.writeString(workdir.resolve("glusterd.info"), "UUID=" + FRESH_UUID + "\noperating-version=100000\n");
        Files.createDirectories(workdir.resolve("peers"));
        Files.createDirectories(workdir.resolve("vols"));
        Files.createDirectories(workdir.resolve("hooks/1"));
    }

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void aFreshGlusterdTakesBackTheOldUuidAndItsPeersWhileStoppedAndTheStepEndsOnceItStoredTheVolumes()
            throws IOException {
        glusterd.whileStarted = () -> Files.createDirectories(workdir.resolve("vols/gfs"));
        runner.expect(gluster("pool", "list")).stdout(sample("pool-list.xml"));
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-two-peers.xml"));

        ActionResult result = apply(step(OLD_UUID));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
        assertEquals(List.of("stop", "start"), glusterd.calls, "no restart until the pool accepts the node");
        assertEquals("UUID=" + OLD_UUID + "\noperating-version=100000\n",
                Files.readString(workdir.resolve("glusterd.info")));
        assertEquals("uuid=7f5f3bf7-cb3b-48c7-a3ed-218edcb6a98e\nstate=3\nhostname1=node3\n",
                Files.readString(workdir.resolve("peers/7f5f3bf7-cb3b-48c7-a3ed-218edcb6a98e")));
        assertTrue(Files.exists(workdir.resolve("peers/4413913c-9da2-40fc-b5c5-b0cb7f0164c6")));
        assertTrue(Files.exists(workdir.resolve("glusterd.info" + AtomicFileWriter.BACKUP_SUFFIX)), "backup kept");
    }

    @Test
    void theUuidAlreadyInPlaceIsUnchangedAndGlusterdIsLeftAlone() throws IOException {
        Files.writeString(workdir.resolve("glusterd.info"), "UUID=" + OLD_UUID + "\noperating-version=100000\n");

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step(OLD_UUID)).getOutcome());
        assertEquals(List.of(), glusterd.calls);
    }

    @Test
    void aGlusterdThatHoldsAVolumeIsRefusedAndNothingIsWritten() throws IOException {
        Files.createDirectories(workdir.resolve("vols/gfs"));

        ActionResult result = apply(step(OLD_UUID));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("not a fresh install (it holds volume gfs)"), result.getSummary());
        assertEquals(List.of(), glusterd.calls);
        assertEquals("UUID=" + FRESH_UUID + "\noperating-version=100000\n",
                Files.readString(workdir.resolve("glusterd.info")));
    }

    @Test
    void aGlusterdWithPeersIsRefused() throws IOException {
        Files.writeString(workdir.resolve("peers/" + PEERS.get(0).uuid()), "uuid=x\n");

        assertEquals(Outcome.OUTCOME_REFUSED, apply(step(OLD_UUID)).getOutcome());
        assertEquals(List.of(), glusterd.calls);
    }

    @Test
    void aPeerThatArrivedWhileGlusterdStoppedFailsTheStepWritesNothingAndStartsGlusterdAgain() throws IOException {
        glusterd.whileStopped = () -> Files.writeString(workdir.resolve("peers/" + PEERS.get(1).uuid()), "uuid=x\n");

        ActionResult result = apply(step(OLD_UUID));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome(), result.toString());
        assertEquals(List.of("stop", "start"), glusterd.calls);
        assertTrue(Files.readString(workdir.resolve("glusterd.info")).contains(FRESH_UUID));
    }

    @Test
    void aVolumeNeverImportedFailsTheStepAfterTheWait() {
        ActionResult result = apply(new RestoreGlusterdIdentityStep(OLD_UUID, PEERS, List.of("gfs"),
                new GlusterdIdentity(workdir, new AtomicFileWriter()), glusterd, new CliGlusterCli(runner),
                context(new FakeTicker(), Duration.ofSeconds(5))));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome(), result.toString());
        assertTrue(result.getSummary().contains("has not imported gfs"), result.getSummary());
        assertEquals(List.of("stop", "start"), glusterd.calls);
    }

    @Test
    void withoutLeaveToRestartGlusterdItIsRefused() {
        glusterd.restartable = false;

        ActionResult result = apply(step(OLD_UUID));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("restart-unmanaged-glusterd"), result.getSummary());
    }

    private RestoreGlusterdIdentityStep step(String uuid) {
        return new RestoreGlusterdIdentityStep(uuid, PEERS, List.of("gfs"),
                new GlusterdIdentity(workdir, new AtomicFileWriter()), glusterd, new CliGlusterCli(runner),
                context(new FakeTicker()));
    }
}
