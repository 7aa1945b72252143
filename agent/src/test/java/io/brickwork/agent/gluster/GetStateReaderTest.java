package io.brickwork.agent.gluster;

import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.RecordingCommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GetStateReaderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path tmp;
    private Path dumpDir;
    private Path dump;
    private Path glusterRun;
    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private GetStateReader reader;

    @BeforeEach
    void setUp() throws IOException {
        dumpDir = tmp.resolve("run/brickwork-agent");
        dump = dumpDir.resolve(GetStateReader.DUMP_FILE);
        glusterRun = tmp.resolve("run/gluster");
        reader = new GetStateReader(runner, dumpDir, glusterRun);
        pidFile("vol1", "node1-gluster-b1.pid", "28136\n");
    }

    @AfterEach
    void allCommandsRan() {
        runner.assertDone();
    }

    private void pidFile(String volume, String name, String content) throws IOException {
        Path file = glusterRun.resolve("vols").resolve(volume).resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** glusterd answering get-state: it writes the dump, the CLI says where. */
    private void glusterdDumps(String content) {
        runner.expect(GetStateReader.argv(dumpDir)).stdout("glusterd state dumped to " + dump)
                .does(() -> write(dump, content));
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void listsThisNodesBricksOfStartedVolumesWithPortAndThePidFromGlusterdsPidFile() throws Exception {
        glusterdDumps(sample("get-state-node1.txt"));

        // vol1's other bricks are node2's and node3's; vol2 is created but not started.
        assertEquals(List.of(new BrickStatus("vol1", "node1", "/gluster/b1", true, 52362, 28136)),
                reader.state(TIMEOUT).bricks());
        assertEquals(List.of(List.of("gluster", "--mode=script", "get-state", "glusterd", "odir", dumpDir.toString(),
                "file", "glusterd-state")), runner.calls());
    }

    @Test
    void listsThePeersAsPeerStatusDoes() throws Exception {
        glusterdDumps(sample("get-state-node1.txt").replace("Peer2.connected: Connected",
                "Peer2.connected: Disconnected").replace("Peer2.othernames: ", "Peer2.othernames: 10.213.6.13,node3.lab"));

        assertEquals(List.of(
                new Peer("6f1b991e-afee-425d-b3db-1e35d6fdf08d", "node2", List.of("node2"), true, Peer.IN_CLUSTER),
                new Peer("a51f2d38-06da-4ac1-8573-dd938cebf26a", "node3", List.of("node3", "10.213.6.13", "node3.lab"),
                        false, Peer.IN_CLUSTER)), reader.state(TIMEOUT).peers());
    }

    @Test
    void glusterdRefusingToDumpIsGlusterdAnsweringWithAnError() {
        runner.expect(GetStateReader.argv(dumpDir)).exits(1)
                .stderr("Failed to get daemon state: Output directory " + dumpDir + " does not exist.\n");

        GlusterCommandException e = assertThrows(GlusterCommandException.class, () -> reader.state(TIMEOUT));

        assertTrue(e.getMessage().endsWith("failed: Failed to get daemon state: Output directory " + dumpDir
                + " does not exist."), e.getMessage());
    }

    @Test
    void aBrickGlusterdCallsStoppedIsOfflineWithNeitherPortNorPid() throws Exception {
        glusterdDumps(sample("get-state-node1-brick-down.txt"));

        assertEquals(List.of(new BrickStatus("vol1", "node1", "/gluster/b1", false, 0, -1)),
                reader.state(TIMEOUT).bricks());
    }

    @Test
    void theDumpDirectoryIsMadePrivateAndTheDumpIsRemovedOnceRead() throws Exception {
        glusterdDumps(sample("get-state-node1.txt"));

        reader.state(TIMEOUT).bricks();

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dumpDir)));
        assertFalse(Files.exists(dump));
    }

    @Test
    void anOldDumpIsNeverTakenForTheAnswerGlusterdDidNotWrite() throws Exception {
        Files.createDirectories(dumpDir);
        Files.writeString(dump, sample("get-state-node1.txt"));
        runner.expect(GetStateReader.argv(dumpDir)).stdout("glusterd state dumped to " + dump);

        GlusterOutputException e = assertThrows(GlusterOutputException.class, () -> reader.state(TIMEOUT));

        assertTrue(e.getMessage().contains("glusterd wrote no dump to " + dump), e.getMessage());
    }

    @Test
    void glusterdNotRunningIsACommandFailureInItsOwnWords() {
        runner.expect(GetStateReader.argv(dumpDir)).exits(1)
                .stdout("Connection failed. Please check if gluster daemon is operational.\n");

        CommandFailedException e = assertThrows(CommandFailedException.class, () -> reader.state(TIMEOUT));

        assertEquals(CommandFailedException.class, e.getClass(), "not glusterd answering with an error");
        assertEquals("gluster exited 1: Connection failed. Please check if gluster daemon is operational.",
                e.getMessage());
    }

    @Test
    void aLocalBrickThatIsNotHostColonPathIsMalformedOutput() {
        glusterdDumps("""
                [Volumes]
                Volume1.name: vol1
                Volume1.status: Started
                Volume1.brickcount: 1
                Volume1.Brick1.path: /gluster/b1
                Volume1.Brick1.hostname: node1
                Volume1.Brick1.port: 1
                Volume1.Brick1.status: Started

                [Misc]
                Base port: 49152
                """);

        GlusterOutputException e = assertThrows(GlusterOutputException.class, () -> reader.state(TIMEOUT));

        assertTrue(e.getMessage().contains("Volume1.Brick1 is not host:/path"), e.getMessage());
    }

    @Test
    void aPidFileThatDoesNotHoldAPidGivesNoPid() throws Exception {
        pidFile("vol1", "node1-gluster-b1.pid", "not a pid\n");
        glusterdDumps(sample("get-state-node1.txt"));

        assertEquals(-1, reader.state(TIMEOUT).bricks().get(0).pid());
    }

    @Test
    void namesThatCouldLeaveGlusterdsRunDirectoryAreNotLookedUp() throws Exception {
        // Where vols/../x would lead.
        Files.createDirectories(glusterRun.resolve("x"));
        Files.writeString(glusterRun.resolve("x/node1-gluster-b1.pid"), "4242\n");
        glusterdDumps("""
                [Volumes]
                Volume1.name: ../x
                Volume1.status: Started
                Volume1.brickcount: 1
                Volume1.Brick1.path: node1:/gluster/b1
                Volume1.Brick1.hostname: node1
                Volume1.Brick1.port: 49152
                Volume1.Brick1.status: Started

                [Misc]
                Base port: 49152
                """);

        assertEquals(List.of(new BrickStatus("../x", "node1", "/gluster/b1", true, 49152, -1)),
                reader.state(TIMEOUT).bricks());
    }

    @Test
    void aValueThatSmugglesInABrickIsMalformedNotALocalBrick() {
        // glusterd prints option values as they were set, newlines included.
        glusterdDumps(sample("get-state-node1.txt").replace("Volume1.options.nfs.disable: on",
                "Volume1.options.user.note: x\nVolume1.Brick9.path: node1:/etc\nVolume1.Brick9.hostname: node1"
                        + "\nVolume1.Brick9.port: 1\nVolume1.Brick9.status: Started"));

        GlusterOutputException e = assertThrows(GlusterOutputException.class, () -> reader.state(TIMEOUT));

        assertTrue(e.getMessage().contains("Volume1 lists a brick beyond its 3"), e.getMessage());
    }

    @Test
    void aValueThatRepeatsABrickKeyIsMalformed() {
        glusterdDumps(sample("get-state-node1.txt").replace("Volume1.options.nfs.disable: on",
                "Volume1.options.user.note: x\nVolume1.Brick1.status: Stopped"));

        GlusterOutputException e = assertThrows(GlusterOutputException.class, () -> reader.state(TIMEOUT));

        assertTrue(e.getMessage().contains("Volume1.Brick1.status appears twice"), e.getMessage());
    }

    @Test
    void peersOutsideThePeersSectionAreNotPeers() throws Exception {
        glusterdDumps(sample("get-state-node1.txt").replace("Volume1.options.nfs.disable: on",
                "Volume1.options.user.note: x\nPeer9.primary_hostname: evil\nPeer9.uuid: 1\nPeer9.connected: Connected"));

        assertEquals(List.of("node2", "node3"), reader.state(TIMEOUT).peers().stream().map(Peer::hostname).toList());
    }

    @Test
    void aValueThatOpensASectionAgainIsMalformed() {
        glusterdDumps(sample("get-state-node1.txt").replace("Volume1.options.nfs.disable: on",
                "Volume1.options.user.note: x\n[Peers]\nPeer9.primary_hostname: evil\nPeer9.uuid: 1"));

        GlusterOutputException e = assertThrows(GlusterOutputException.class, () -> reader.state(TIMEOUT));

        assertTrue(e.getMessage().contains("[Peers] appears twice"), e.getMessage());
    }

    @Test
    void aDumpCutShortIsMalformedNotHalfRead() {
        String whole = sample("get-state-node1.txt");
        glusterdDumps(whole.substring(0, whole.indexOf("Volume2.name")));

        GlusterOutputException e = assertThrows(GlusterOutputException.class, () -> reader.state(TIMEOUT));

        assertTrue(e.getMessage().contains("cut short"), e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8DoNotFailTheRead() throws Exception {
        runner.expect(GetStateReader.argv(dumpDir)).stdout("glusterd state dumped to " + dump).does(() -> {
            try {
                byte[] text = sample("get-state-node1.txt").replace("Volume1.options.nfs.disable: on",
                        "Volume1.options.user.note: caf\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                Files.write(dump, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertEquals(1, reader.state(TIMEOUT).bricks().size());
    }

    @Test
    void aDumpDirectoryThatIsALinkIsNotUsed() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createDirectories(dumpDir.getParent());
        Files.createSymbolicLink(dumpDir, elsewhere);

        IOException e = assertThrows(IOException.class, () -> reader.state(TIMEOUT));

        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
        assertEquals(List.of(), runner.calls(), "glusterd is not asked to write through the link");
    }

    @Test
    void aDumpDirectoryOpenToOthersIsMadePrivateAgain() throws Exception {
        Files.createDirectories(dumpDir);
        Files.setPosixFilePermissions(dumpDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        glusterdDumps(sample("get-state-node1.txt"));

        reader.state(TIMEOUT);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dumpDir)));
    }
}
