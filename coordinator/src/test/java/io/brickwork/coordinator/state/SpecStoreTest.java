package io.brickwork.coordinator.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecStoreTest {
    @TempDir
    Path dir;

    @Test
    void savesAndLoadsTheLastAppliedSpec() {
        SpecStore store = new SpecStore(dir);
        assertEquals(Optional.empty(), store.load());

        store.save("cluster { name = a }\n");
        store.save("cluster { name = b }\n");

        assertEquals(Optional.of("cluster { name = b }\n"), store.load());
    }

    @Test
    void theSameSpecAgainWritesNothing() throws IOException {
        SpecStore store = new SpecStore(dir);
        store.save("cluster { name = a }\n");
        Path file;
        try (var files = Files.list(dir)) {
            file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(file, old);
        Object inode = Files.readAttributes(file, "unix:ino").get("ino");

        store.save("cluster { name = a }\n");
        assertEquals(old, Files.getLastModifiedTime(file), "not rewritten");
        assertEquals(inode, Files.readAttributes(file, "unix:ino").get("ino"), "not replaced");

        store.save("cluster { name = b }\n");
        assertNotEquals(inode, Files.readAttributes(file, "unix:ino").get("ino"), "a different spec is written");
    }
}
