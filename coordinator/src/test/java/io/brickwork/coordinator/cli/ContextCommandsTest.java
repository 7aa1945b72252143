package io.brickwork.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.common.grpc.GrpcCleanupExtension;
import io.brickwork.coordinator.testing.NetworkCoordinator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two labs, two coordinators with CAs of their own, as two contexts of one operator: commands go
 * where the context says, --all-contexts shows both, and one context's credentials do not open
 * the other's coordinator.
 */
class ContextCommandsTest {
    @RegisterExtension
    final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

    @TempDir
    Path dir;

    private ContextStore store;
    private NetworkCoordinator staging;
    private NetworkCoordinator production;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void twoCoordinators() {
        store = ContextStore.forUser(Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString()), dir.toString());
        staging = NetworkCoordinator.start(dir.resolve("staging"));
        production = NetworkCoordinator.start(dir.resolve("production"));
        for (String lab : List.of("staging", "production")) {
            assertEquals(0, run("admin", "cert", "--out", dir.resolve(lab + "/admin").toString(),
                    "--coordinator", "unix:" + dir.resolve(lab + "/run/admin.sock")), err.toString());
        }
    }

    @AfterEach
    void stop() {
        staging.stop();
        production.stop();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return BrickworkCli.run(new PrintWriter(out, true), new PrintWriter(err, true), store, args);
    }

    private void addBoth() {
        assertEquals(0, run("context", "add", "staging", "--coordinator", "127.0.0.1:" + staging.port(),
                "--tls-dir", dir.resolve("staging/admin").toString()), err.toString());
        assertTrue(out.toString().contains("it is the current context"), out.toString());
        assertEquals(0, run("context", "add", "production", "--coordinator", "127.0.0.1:" + production.port(),
                "--tls-dir", dir.resolve("production/admin").toString()), err.toString());
        assertFalse(out.toString().contains("current"), "only the first one added becomes current: " + out);
    }

    @Test
    void commandsGoToTheCurrentContextOrTheOneNamed() {
        addBoth();
        assertEquals(0, run("token", "create", "--node", "only-in-staging"), err.toString());

        assertEquals(0, run("token", "list"), err.toString());
        assertTrue(out.toString().contains("only-in-staging"), out.toString());
        assertEquals(0, run("token", "list", "--context", "production"), err.toString());
        assertFalse(out.toString().contains("only-in-staging"), out.toString());

        assertEquals(0, run("context", "use", "production"), err.toString());
        assertEquals(0, run("token", "list"), err.toString());
        assertFalse(out.toString().contains("only-in-staging"), out.toString());
    }

    @Test
    void statusNamesTheContextInItsHeader() {
        addBoth();

        run("status", "--context", "production");

        assertTrue(out.toString().startsWith("context production (127.0.0.1:" + production.port() + ")"), out.toString());
    }

    @Test
    void allContextsShowsEveryContextAndAnUnreachableOneAsARow() {
        addBoth();
        assertEquals(0, run("context", "add", "gone", "--coordinator", "127.0.0.1:1",
                "--tls-dir", dir.resolve("staging/admin").toString()), err.toString());
        int stagingCode = run("status", "--context", "staging");
        int productionCode = run("status", "--context", "production");

        int code = run("status", "--all-contexts");

        String table = out.toString();
        assertTrue(table.contains("CONTEXT"), table);
        assertTrue(table.matches("(?s).*\\* staging +127\\.0\\.0\\.1:" + staging.port() + " .*"), table);
        assertTrue(table.matches("(?s).*production +127\\.0\\.0\\.1:" + production.port() + " .*"), table);
        assertTrue(table.matches("(?s).*gone +127\\.0\\.0\\.1:1 +UNREACHABLE .*"), table);
        assertTrue(table.contains("gone: cannot reach the coordinator at 127.0.0.1:1"), table);
        int expected = AllContexts.worse(AllContexts.worse(stagingCode, productionCode), ExitCodes.FAILED);
        assertEquals(expected, code);
    }

    @Test
    void allContextsWithoutTheUnreachableOneHasTheWorstOfTheTwoCodes() {
        addBoth();
        int stagingCode = run("status", "--context", "staging");
        int productionCode = run("status", "--context", "production");

        assertEquals(AllContexts.worse(stagingCode, productionCode), run("status", "--all-contexts", "-o", "json"));

        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("{\"context\":\"production\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"current\":true"), lines.get(1));
        assertTrue(lines.get(1).contains("\"status\":{"), lines.get(1));
    }

    @Test
    void aContextWhoseCaIsNotTheCoordinatorsIsRefusedSayingSo() {
        addBoth();
        assertEquals(0, run("context", "add", "crossed", "--coordinator", "127.0.0.1:" + staging.port(),
                "--tls-dir", dir.resolve("production/admin").toString()), err.toString());

        int code = run("nodes", "--context", "crossed");

        assertEquals(ExitCodes.FAILED, code);
        assertTrue(err.toString().contains("cannot reach the coordinator at 127.0.0.1:" + staging.port()), err.toString());
        assertTrue(err.toString().toLowerCase().contains("certif") || err.toString().contains("PKIX"),
                "says it is about the certificate: " + err);
    }

    @Test
    void listMarksTheCurrentOneAndRemoveForgetsIt() {
        addBoth();

        assertEquals(0, run("context", "list"));
        assertTrue(out.toString().matches("(?s).*\\* staging +127\\.0\\.0\\.1:.*"), out.toString());
        assertTrue(out.toString().contains(dir.resolve("production/admin").toString()), out.toString());

        assertEquals(0, run("context", "remove", "staging"));
        assertTrue(out.toString().contains("no current context"), out.toString());
        run("context", "list");
        assertFalse(out.toString().contains("staging"), out.toString());
    }

    @Test
    void unknownDuplicateAndMalformedNamesAreBadInput() {
        addBoth();

        assertEquals(ExitCodes.BAD_INPUT, run("context", "use", "prodution"));
        assertTrue(err.toString().contains("no context named 'prodution'"), err.toString());
        assertEquals(ExitCodes.BAD_INPUT, run("nodes", "--context", "prodution"));
        assertTrue(err.toString().contains("known: production, staging"), err.toString());
        assertEquals(ExitCodes.BAD_INPUT, run("context", "add", "staging", "--coordinator", "h:1"));
        assertTrue(err.toString().contains("exists already"), err.toString());
        assertEquals(ExitCodes.BAD_INPUT, run("context", "add", "no/slash", "--coordinator", "h:1"));
        assertEquals(ExitCodes.BAD_INPUT, run("context", "add", "x", "--coordinator", "nohostport"));
        assertEquals(ExitCodes.BAD_INPUT, run("status", "--all-contexts", "--context", "staging"));
    }

    @Test
    void anInsecureContextsFileStopsEveryCommandThatWouldReadIt() throws Exception {
        addBoth();
        Files.setPosixFilePermissions(store.file(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));

        assertEquals(ExitCodes.FAILED, run("nodes"));
        assertTrue(err.toString().contains("refusing to read contexts"), err.toString());
        assertEquals(ExitCodes.FAILED, run("status", "--all-contexts"));
    }
}
