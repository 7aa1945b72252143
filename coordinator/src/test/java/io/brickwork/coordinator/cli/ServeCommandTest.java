package io.brickwork.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `brickwork serve` tells a person when it cannot run. */
class ServeCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int serve(String config) throws IOException {
        Path file = Files.writeString(dir.resolve("coordinator.conf"), config);
        return BrickworkCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "serve", "--config",
                file.toString());
    }

    /** Port 1 is never bound: the start stops at the state directory, before any door. */
    private String config(Path stateDir) {
        return "brickwork.coordinator {\n"
                + "  listen = \"127.0.0.1:1\"\n"
                + "  metrics-listen = \"\"\n"
                + "  state-dir = \"" + stateDir + "\"\n"
                + "  admin-socket = \"" + dir.resolve("run/coordinator.sock") + "\"\n"
                + "  audit-log = \"" + dir.resolve("log/audit.log") + "\"\n"
                + "}\n";
    }

    @Test
    void aStateDirectoryOthersCanReadIsOneNumberedLineAndExitOne() throws IOException {
        Path stateDir = Files.createDirectory(dir.resolve("state"));
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwxrwxrwx"));

        int code = serve(config(stateDir));

        assertEquals(ExitCodes.FAILED, code, err::toString);
        List<String> lines = err.toString().lines().toList();
        assertEquals(2, lines.size(), err.toString());
        assertEquals("brickwork serve: cannot start:", lines.get(0));
        assertTrue(lines.get(1).startsWith("1) ") && lines.get(1).contains(stateDir.toString()), lines.get(1));
        assertTrue(Files.notExists(dir.resolve("run/coordinator.sock")), "no door was opened");
    }

    @Test
    void invalidSettingsAreANumberedListAndExitTwo() throws IOException {
        int code = serve("brickwork.coordinator { listen = nowhere, report-interval = 1ms }\n");

        assertEquals(ExitCodes.BAD_INPUT, code, err::toString);
        assertEquals(List.of("brickwork serve: invalid configuration:",
                "1) brickwork.coordinator.listen = 'nowhere': must be host:port",
                "2) brickwork.coordinator.report-interval = PT0.001S: must be at least 100ms"),
                err.toString().lines().toList());
    }
}
