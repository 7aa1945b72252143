package io.brickwork.coordinator.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingCountsTest {
    @TempDir
    Path dir;

    @Test
    void aCountSurvivesARestartInAPrivateFile() throws IOException {
        Path file = dir.resolve("heal-counts.pb");
        new PendingCounts(file).record("gfs", "node3:/gluster/brick", 0);
        PendingCounts restarted = new PendingCounts(file);

        assertEquals(OptionalLong.of(0), restarted.get("gfs", "node3:/gluster/brick"));
        assertEquals(OptionalLong.empty(), restarted.get("gfs", "node2:/gluster/brick"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void theSameCountAgainWritesNothing() throws IOException {
        Path file = dir.resolve("heal-counts.pb");
        PendingCounts counts = new PendingCounts(file);
        counts.record("gfs", "node3:/gluster/brick", 7);
        Files.delete(file);

        counts.record("gfs", "node3:/gluster/brick", 7);
        assertFalse(Files.exists(file), "unchanged: not written");
        counts.record("gfs", "node3:/gluster/brick", 6);
        assertTrue(Files.exists(file), "changed: written");
    }

    @Test
    void aCorruptFileIsStartedWithoutAndAnUnwritableOneKeepsCountsInMemory() throws IOException {
        Path file = Files.writeString(dir.resolve("heal-counts.pb"), "not protobuf \u0000\u00ff");
        PendingCounts counts = new PendingCounts(file);
        assertEquals(OptionalLong.empty(), counts.get("gfs", "node3:/gluster/brick"));

        PendingCounts nowhere = new PendingCounts(dir.resolve("missing/heal-counts.pb"));
        nowhere.record("gfs", "node3:/gluster/brick", 3);
        assertEquals(OptionalLong.of(3), nowhere.get("gfs", "node3:/gluster/brick"));
    }
}
