package io.brickwork.agent.steps;

import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.files.AtomicFileWriter;
import io.brickwork.agent.fstab.Fstab;
import io.brickwork.agent.fstab.FstabEntry;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FstabEntryStepTest {
    private static final FstabEntry ENTRY = FstabEntry.glusterfs("localhost:/gfs", "/mnt/gfs", "defaults,_netdev");
    private static final String LINE = "localhost:/gfs /mnt/gfs glusterfs defaults,_netdev 0 0\n";
    private static final String BASE = "# fstab\nUUID=abc / ext4 errors=remount-ro 0 1\n";

    @TempDir
    Path dir;

    @Test
    void freshNodeGetsTheLineAppended() throws IOException {
        Path fstab = Files.writeString(dir.resolve("fstab"), BASE);

        ActionResult result = apply(step(fstab));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(List.of("add " + LINE.strip()), result.getChangesList());
        assertEquals(BASE + LINE, Files.readString(fstab));
    }

    @Test
    void seedsDuplicatedLineIsCollapsed() throws IOException {
        Path fstab = Files.writeString(dir.resolve("fstab"), BASE + LINE + LINE);

        ActionResult result = apply(step(fstab));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(BASE + LINE, Files.readString(fstab));
    }

    @Test
    void convergedNodeIsUnchangedAndTakesNoBackup() throws IOException {
        Path fstab = Files.writeString(dir.resolve("fstab"), BASE + LINE);

        ActionResult result = apply(step(fstab));

        assertEquals(Outcome.OUTCOME_UNCHANGED, result.getOutcome());
        assertFalse(Files.exists(AtomicFileWriter.backupOf(fstab)));
    }

    @Test
    void aForeignLineForTheMountPointIsRefusedAndNothingChanges() throws IOException {
        String foreign = BASE + "/dev/sdb1 /mnt/gfs xfs defaults 0 2\n";
        Path fstab = Files.writeString(dir.resolve("fstab"), foreign);

        ActionResult result = apply(step(fstab));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("line 3"), result.getSummary());
        assertTrue(result.getSummary().contains("/dev/sdb1 /mnt/gfs xfs defaults 0 2"), result.getSummary());
        assertEquals(foreign, Files.readString(fstab));
    }

    @Test
    void checkModeWritesNothing() throws IOException {
        Path fstab = Files.writeString(dir.resolve("fstab"), BASE);

        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, check(step(fstab)).getOutcome());
        assertEquals(BASE, Files.readString(fstab));
    }

    @Test
    void aMissingFstabIsCreated() throws IOException {
        Path fstab = dir.resolve("fstab");

        assertEquals(Outcome.OUTCOME_CHANGED, apply(step(fstab)).getOutcome());
        assertEquals(LINE, Files.readString(fstab));
    }

    private static FstabEntryStep step(Path fstab) {
        return new FstabEntryStep(fstab, ENTRY, new Fstab(), new AtomicFileWriter());
    }
}
