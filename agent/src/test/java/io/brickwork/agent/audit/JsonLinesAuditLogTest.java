package io.brickwork.agent.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.EnsureVolumeStarted;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.Refusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesAuditLogTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;
    private Path file;
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        file = dir.resolve("log/brickwork/audit.log");
        Logger.getLogger("brickwork.audit").addHandler(capture);
        Logger.getLogger(JsonLinesAuditLog.class.getName()).addHandler(capture);
        Logger.getLogger(io.brickwork.common.audit.JsonLinesFile.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("brickwork.audit").removeHandler(capture);
        Logger.getLogger(JsonLinesAuditLog.class.getName()).removeHandler(capture);
        Logger.getLogger(io.brickwork.common.audit.JsonLinesFile.class.getName()).removeHandler(capture);
    }

    @Test
    void writesOneLinePerEntryInAFileOnlyRootCanRead() throws IOException {
        JsonLinesAuditLog audit = new JsonLinesAuditLog(new AuditSettings(file, MIB, 5));

        audit.record(entry("a-1", Outcome.OUTCOME_CHANGED));
        audit.record(entry("a-2", Outcome.OUTCOME_REFUSED));

        List<String> lines = Files.readAllLines(file, UTF_8);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("{\"time\":\"2026-01-01T00:00:00Z\",\"request_id\":\"a-1\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"outcome\":\"OUTCOME_REFUSED\",\"refusal\":\"REFUSAL_PERMISSION_DENIED\""),
                lines.get(1));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void appendsToWhatAnEarlierRunWrote() throws IOException {
        new JsonLinesAuditLog(new AuditSettings(file, MIB, 5)).record(entry("before-restart", Outcome.OUTCOME_CHANGED));

        new JsonLinesAuditLog(new AuditSettings(file, MIB, 5)).record(entry("after-restart", Outcome.OUTCOME_CHANGED));

        assertEquals(2, Files.readAllLines(file, UTF_8).size());
    }

    @Test
    void alsoLogsEachEntryAtInfoOnTheAuditLogger() {
        new JsonLinesAuditLog(new AuditSettings(file, MIB, 5)).record(entry("a-1", Outcome.OUTCOME_CHANGED));

        LogRecord record = logged.stream().filter(r -> r.getLoggerName().equals("brickwork.audit")).findFirst()
                .orElseThrow();
        assertEquals(Level.INFO, record.getLevel());
        assertTrue(record.getMessage().contains("\"request_id\":\"a-1\""), record.getMessage());
    }

    @Test
    void rotatesBySizeAndKeepsTheConfiguredNumberOfFiles() throws IOException {
        JsonLinesAuditLog audit = new JsonLinesAuditLog(new AuditSettings(file, 1000, 3));

        for (int i = 0; i < 40; i++) {
            audit.record(entry("entry-" + i, Outcome.OUTCOME_CHANGED));
        }

        for (String name : List.of("audit.log", "audit.log.1", "audit.log.2", "audit.log.3")) {
            Path rotated = file.resolveSibling(name);
            assertTrue(Files.exists(rotated), name);
            assertTrue(Files.size(rotated) <= 1000, name + " has " + Files.size(rotated) + " bytes");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rotated)), name);
        }
        assertFalse(Files.exists(file.resolveSibling("audit.log.4")));
        List<String> newest = Files.readAllLines(file, UTF_8);
        assertTrue(newest.get(newest.size() - 1).contains("\"request_id\":\"entry-39\""));
        List<String> older = Files.readAllLines(file.resolveSibling("audit.log.1"), UTF_8);
        String lastOfOlder = older.get(older.size() - 1);
        String firstOfNewest = newest.get(0);
        assertEquals(requestNumber(lastOfOlder) + 1, requestNumber(firstOfNewest), "no entry lost between files");
    }

    @Test
    void tightensAFileThatOthersCouldRead() throws IOException {
        Files.createDirectories(file.getParent());
        Files.createFile(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        new JsonLinesAuditLog(new AuditSettings(file, MIB, 5)).record(entry("a-1", Outcome.OUTCOME_CHANGED));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void neverWritesThroughASymlinkAndSaysSoLoudly() throws IOException {
        Path target = Files.writeString(dir.resolve("shadow"), "root:x:0:0\n");
        Files.createDirectories(file.getParent());
        Files.createSymbolicLink(file, target);

        new JsonLinesAuditLog(new AuditSettings(file, MIB, 5)).record(entry("a-1", Outcome.OUTCOME_CHANGED));

        assertEquals("root:x:0:0\n", Files.readString(target));
        assertTrue(Files.isSymbolicLink(file));
        assertTrue(severeMentions("a-1"));
    }

    @Test
    void aFailingWriteIsLoggedSevereAndDoesNotThrow() throws IOException {
        Files.writeString(dir.resolve("not-a-directory"), "");
        Path impossible = dir.resolve("not-a-directory/audit.log");

        new JsonLinesAuditLog(new AuditSettings(impossible, MIB, 5)).record(entry("lost", Outcome.OUTCOME_CHANGED));

        assertTrue(severeMentions("lost"));
        assertFalse(Files.exists(impossible, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void writesTheStartOfAChangeBeforeItsResult() throws IOException {
        JsonLinesAuditLog audit = new JsonLinesAuditLog(new AuditSettings(file, MIB, 5));
        AuditEntry entry = entry("a-1", Outcome.OUTCOME_CHANGED);

        assertTrue(audit.started(entry.time(), entry.requester(), entry.request()));
        audit.record(entry);

        List<String> lines = Files.readAllLines(file, UTF_8);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("\"event\":\"started\",\"request_id\":\"a-1\""), lines.get(0));
        assertFalse(lines.get(0).contains("\"outcome\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"outcome\":\"OUTCOME_CHANGED\""), lines.get(1));
    }

    @Test
    void saysWhenTheStartOfAChangeCouldNotBeWrittenSoTheAgentCanRefuseIt() throws IOException {
        Files.writeString(dir.resolve("not-a-directory"), "");
        Path impossible = dir.resolve("not-a-directory/audit.log");
        AuditEntry entry = entry("unrecorded", Outcome.OUTCOME_CHANGED);

        boolean written = new JsonLinesAuditLog(new AuditSettings(impossible, MIB, 5))
                .started(entry.time(), entry.requester(), entry.request());

        assertFalse(written);
        assertTrue(severeMentions("unrecorded"));
    }

    private boolean severeMentions(String requestId) {
        synchronized (logged) {
            return logged.stream().anyMatch(r -> r.getLevel() == Level.SEVERE
                    && r.getMessage().contains("\"request_id\":\"" + requestId + "\""));
        }
    }

    private static int requestNumber(String line) {
        int start = line.indexOf("\"request_id\":\"entry-") + "\"request_id\":\"entry-".length();
        return Integer.parseInt(line.substring(start, line.indexOf('"', start)));
    }

    private static AuditEntry entry(String id, Outcome outcome) {
        ActionRequest request = ActionRequest.newBuilder().setId(id).setMode(Mode.MODE_APPLY)
                .setVolumeStarted(EnsureVolumeStarted.newBuilder().setName("gfs")).build();
        ActionResult.Builder result = ActionResult.newBuilder().setId(id).setOutcome(outcome).setSummary("done");
        if (outcome == Outcome.OUTCOME_REFUSED) {
            result.setRefusal(Refusal.REFUSAL_PERMISSION_DENIED);
        }
        return new AuditEntry(Instant.parse("2026-01-01T00:00:00Z"), "sha256:coordinator", request, result.build());
    }
}
