package io.brickwork.agent.steps;

import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.files.AtomicFileWriter;
import io.brickwork.agent.hosts.HostEntry;
import io.brickwork.agent.hosts.HostsFile;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsEntriesStepTest {
    private static final String FRESH = "127.0.0.1\tlocalhost\n127.0.1.1\tnode1\n";
    private static final String CONVERGED = "127.0.0.1\tlocalhost\n10.214.0.11\tnode1\n10.214.0.12\tnode2\n";
    private static final List<HostEntry> ENTRIES = List.of(
            new HostEntry("node1", "10.214.0.11"), new HostEntry("node2", "10.214.0.12"));

    @TempDir
    Path dir;

    @Test
    void freshNodeGetsTheEntriesAndABackup() throws IOException {
        Path hosts = Files.writeString(dir.resolve("hosts"), FRESH);

        ActionResult result = apply(step(hosts));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(List.of("remove node1 -> 127.0.1.1 (line 2)", "add node1 -> 10.214.0.11", "add node2 -> 10.214.0.12"),
                result.getChangesList());
        assertEquals(CONVERGED, Files.readString(hosts));
        assertEquals(FRESH, Files.readString(AtomicFileWriter.backupOf(hosts)));
    }

    @Test
    void convergedNodeIsUnchangedAndTheFileIsNotWritten() throws IOException {
        Path hosts = Files.writeString(dir.resolve("hosts"), CONVERGED);
        FileTime before = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(hosts, before);

        ActionResult result = apply(step(hosts));

        assertEquals(Outcome.OUTCOME_UNCHANGED, result.getOutcome());
        assertEquals(before, Files.getLastModifiedTime(hosts));
        assertFalse(Files.exists(AtomicFileWriter.backupOf(hosts)));
    }

    @Test
    void checkModeReportsTheChangesAndWritesNothing() throws IOException {
        Path hosts = Files.writeString(dir.resolve("hosts"), FRESH);

        ActionResult result = check(step(hosts));

        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, result.getOutcome());
        assertEquals(3, result.getChangesCount());
        assertTrue(result.getSummary().startsWith("would remove node1"), result.getSummary());
        assertEquals(FRESH, Files.readString(hosts));
    }

    private static HostsEntriesStep step(Path hosts) {
        return new HostsEntriesStep(hosts, ENTRIES, new HostsFile(), new AtomicFileWriter());
    }
}
