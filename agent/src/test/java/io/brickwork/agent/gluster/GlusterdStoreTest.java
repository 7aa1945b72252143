package io.brickwork.agent.gluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlusterdStoreTest {
    @TempDir
    Path dir;

    @Test
    void readsTheVolumeIdGlusterdPersisted() throws IOException {
        Path vol = Files.createDirectories(dir.resolve("vols/staging-gfs"));
        // The head of a real glusterd 10.3 vols/NAME/info.
        Files.writeString(vol.resolve("info"), """
                type=2
                count=3
                status=1
                sub_count=3
                replica_count=3
                version=3
                transport-type=0
                volume-id=C3233A83-7896-4424-ba7c-c05ebca019de
                username=3f2a
                """);

        assertEquals(Optional.of("c3233a83-7896-4424-ba7c-c05ebca019de"),
                new GlusterdStore(dir).volumeId("staging-gfs"));
    }

    @Test
    void aVolumeNotStoredHereIsUnknownNotAnError() throws IOException {
        assertEquals(Optional.empty(), new GlusterdStore(dir).volumeId("gfs"));
        Files.createDirectories(dir.resolve("vols/gfs"));
        Files.writeString(dir.resolve("vols/gfs/info"), "type=2\n");
        assertEquals(Optional.empty(), new GlusterdStore(dir).volumeId("gfs"));
    }

    @Test
    void aNameThatCouldLeaveTheStoreIsRejected() {
        GlusterdStore store = new GlusterdStore(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.volumeId("../../etc"));
        assertEquals(true, e.getMessage().contains("../../etc"), e.getMessage());
    }
}
