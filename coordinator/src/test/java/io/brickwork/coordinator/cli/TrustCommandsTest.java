package io.brickwork.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.common.security.Pem;
import io.brickwork.coordinator.testing.NetworkCoordinator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** brickwork admin list|revoke and token create --node/--replace against a real coordinator's local socket. */
class TrustCommandsTest {
    @TempDir
    Path dir;

    private NetworkCoordinator coordinator;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        coordinator = NetworkCoordinator.start(dir);
    }

    @AfterEach
    void stop() {
        coordinator.stop();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> command = new java.util.ArrayList<>(List.of(args));
        command.addAll(List.of("--coordinator", "unix:" + dir.resolve("run/admin.sock")));
        return BrickworkCli.run(new PrintWriter(out, true), new PrintWriter(err, true), command.toArray(String[]::new));
    }

    @Test
    void adminListShowsAnIssuedAdminAndAdminRevokeMarksItRevoked() throws IOException {
        assertEquals(0, run("admin", "cert", "--out", dir.resolve("alice").toString(), "--name", "alice"), err.toString());
        String serial = Pem.certificate(Files.readString(dir.resolve("alice/admin.crt"))).getSerialNumber().toString(16);
        assertTrue(out.toString().contains("serial " + serial), out.toString());

        assertEquals(0, run("admin", "list"), err.toString());
        String line = out.toString().lines().filter(l -> l.startsWith(serial)).findFirst().orElseThrow();
        assertTrue(line.contains("alice") && line.endsWith("no"), line);

        assertEquals(0, run("admin", "revoke", serial), err.toString());
        assertTrue(out.toString().contains("revoked certificate serial " + serial + " admin alice"), out.toString());
        run("admin", "list");
        assertTrue(out.toString().lines().filter(l -> l.startsWith(serial)).findFirst().orElseThrow().endsWith("yes"),
                out.toString());
    }

    @Test
    void revokingSomethingThatIsNeitherSerialNorFingerprintExitsTwo() {
        assertEquals(ExitCodes.BAD_INPUT, run("admin", "revoke", "alice"));
        assertTrue(err.toString().contains("neither a certificate serial"), err.toString());
    }

    @Test
    void replacingTokenWithoutANodeExitsTwo() {
        assertEquals(ExitCodes.BAD_INPUT, run("token", "create", "--replace"));
        assertTrue(err.toString().contains("--node"), err.toString());
    }

    @Test
    void tokenBoundToANodeIsListedWithIt() {
        assertEquals(0, run("token", "create", "--node", "node3", "--replace"), err.toString());

        assertEquals(0, run("token", "list"));
        assertTrue(out.toString().contains("node3 (replace)"), out.toString());
    }
}
