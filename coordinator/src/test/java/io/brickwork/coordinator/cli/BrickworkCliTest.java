package io.brickwork.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.common.grpc.GrpcCleanupExtension;
import io.brickwork.coordinator.testing.NetworkCoordinator;
import java.util.List;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's contract with scripts: exit codes and what reaches stderr. */
class BrickworkCliTest {
    @RegisterExtension
    final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return BrickworkCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path spec(String text) throws IOException {
        return Files.writeString(dir.resolve("spec.conf"), text);
    }

    @Test
    void invalidSpecExitsTwoNamingTheKeyWithoutContactingTheCoordinator() throws IOException {
        // Port 1 has no coordinator: reaching it would fail with exit 1, not 2.
        int code = run("apply", "-f", spec("""
                cluster { name = staging, nodes = [node1, node2] }
                volumes = [{ name = v, replica = 3, brick = "/gluster/brick" }]
                """).toString(), "--coordinator", "127.0.0.1:1");

        assertEquals(ExitCodes.BAD_INPUT, code);
        assertTrue(err.toString().contains("volumes[0].replica"), err.toString());
    }

    @Test
    void textEchoedToTheTerminalCannotCarryEscapeSequences() {
        // Picocli echoes the unknown option; a node name or an agent's stderr takes the same writer.
        int code = run("nodes", "--\u001b]0;pwned\u0007\u001b[2J");

        assertEquals(ExitCodes.BAD_INPUT, code);
        assertFalse(err.toString().contains("\u001b"), err.toString());
        assertFalse(err.toString().contains("\u0007"), err.toString());
        assertTrue(err.toString().contains("--\\x1b]0;pwned\\x07\\x1b[2J"), err.toString());
    }

    @Test
    void missingSpecFileExitsTwo() {
        assertEquals(ExitCodes.BAD_INPUT, run("plan", "-f", dir.resolve("nope.conf").toString()));
        assertTrue(err.toString().contains("nope.conf"), err.toString());
    }

    @Test
    void unknownOptionExitsTwo() {
        assertEquals(ExitCodes.BAD_INPUT, run("apply", "--forse"));
    }

    @Test
    void malformedCoordinatorAddressExitsTwo() throws IOException {
        int code = run("nodes", "--coordinator", "localhost");

        assertEquals(ExitCodes.BAD_INPUT, code);
        assertTrue(err.toString().contains("host:port"), err.toString());
    }

    @Test
    void unreachableCoordinatorExitsOneAndSaysWhere() {
        int code = run("nodes", "--coordinator", "unix:" + dir.resolve("no-such.sock"));

        assertEquals(ExitCodes.FAILED, code);
        assertTrue(err.toString().contains("cannot reach the coordinator at unix:" + dir.resolve("no-such.sock")),
                err.toString());
    }

    @Test
    void applyOverTheLocalSocketWithNoAgentsIsRefusedNamingTheNodes() throws IOException {
        NetworkCoordinator server = NetworkCoordinator.start(dir);
        try {
            int code = run("apply", "-f", spec("""
                    cluster { name = staging, nodes = [node1, node2] }
                    volumes = [{ name = v, replica = 2, brick = "/gluster/brick" }]
                    """).toString(), "--coordinator", "unix:" + dir.resolve("run/admin.sock"));

            assertEquals(ExitCodes.FAILED, code);
            assertTrue(err.toString().contains("not connected: node1, node2"), err.toString());
        } finally {
            server.stop();
        }
    }

    @Test
    void tcpWithoutAdminCredentialsExitsOneAndSaysHowToGetThem() {
        int code = run("nodes", "--coordinator", "127.0.0.1:1", "--tls-dir", dir.resolve("none").toString());

        assertEquals(ExitCodes.FAILED, code);
        assertTrue(err.toString().contains("brickwork admin cert"), err.toString());
    }

    @Test
    void aCallThatNamesACommandBuildsOnlyThatCommand() {
        assertEquals(List.of("apply"), List.copyOf(BrickworkCli.commandLine("apply", "-f", "x.conf").getSubcommands().keySet()));
        assertEquals(List.of("token"), List.copyOf(BrickworkCli.commandLine("token", "list").getSubcommands().keySet()));
    }

    @Test
    void helpVersionAndUnknownCommandsSeeEveryCommand() {
        int every = BrickworkCli.COMMANDS.size();
        assertEquals(every, BrickworkCli.commandLine().getSubcommands().size());
        assertEquals(every, BrickworkCli.commandLine("help", "apply").getSubcommands().size());
        assertEquals(every, BrickworkCli.commandLine("--version").getSubcommands().size());

        assertEquals(ExitCodes.BAD_INPUT, run("aply"));
        assertTrue(err.toString().contains("apply"), "suggests the command meant: " + err);
    }

    @Test
    void helpForOneCommandStillWorks() {
        assertEquals(0, run("help", "verify"));
        assertTrue(out.toString().contains("Usage: brickwork verify"), out.toString());
    }

    @Test
    void theLaunchersTrainingRunExercisesTheClientCommandsAndSucceeds() {
        assertEquals(0, run("cds-training"), err.toString());
        assertEquals("", err.toString());
    }
}
