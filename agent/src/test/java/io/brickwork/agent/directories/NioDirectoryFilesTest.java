package io.brickwork.agent.directories;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files through directory handles: nothing is followed, writes replace whole files. */
class NioDirectoryFilesTest {
    @TempDir
    Path dir;

    private final NioDirectories directories = new NioDirectories();

    @Test
    void aWrittenFileHasItsModeAndIsReadBackAndListedAndTheTemporaryIsGone() throws IOException {
        try (Directories.Handle handle = directories.open(dir)) {
            handle.writeFile("record.json", "first".getBytes(StandardCharsets.UTF_8), 0600);
            handle.writeFile("record.json", "second".getBytes(StandardCharsets.UTF_8), 0600);

            assertArrayEquals("second".getBytes(StandardCharsets.UTF_8), handle.readFile("record.json", 100).orElseThrow());
            assertEquals(List.of("record.json"), handle.list());
            assertEquals(Optional.empty(), handle.readFile("missing.json", 100));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("record.json"))));
    }

    @Test
    void aSymlinkOrAnOversizedFileIsNeverRead() throws IOException {
        Files.writeString(dir.resolve("secret"), "root's");
        Files.createSymbolicLink(dir.resolve("record.json"), dir.resolve("secret"));
        Files.writeString(dir.resolve("big"), "x".repeat(101));
        try (Directories.Handle handle = directories.open(dir)) {
            assertTrue(assertThrows(UnsafePathException.class, () -> handle.readFile("record.json", 100)).getMessage()
                    .contains("is not a regular file"));
            assertTrue(assertThrows(UnsafePathException.class, () -> handle.readFile("big", 100)).getMessage()
                    .contains("is 101 bytes, more than 100"));
        }
    }

    @Test
    void writingOverASymlinkReplacesTheLinkNotItsTarget() throws IOException {
        Files.writeString(dir.resolve("target"), "untouched");
        Files.createSymbolicLink(dir.resolve("record.json"), dir.resolve("target"));
        try (Directories.Handle handle = directories.open(dir)) {
            handle.writeFile("record.json", "new".getBytes(StandardCharsets.UTF_8), 0600);
        }
        assertEquals("untouched", Files.readString(dir.resolve("target")));
        assertTrue(Files.isRegularFile(dir.resolve("record.json"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void moveRenamesIntoAnotherHandleAndRefusesATakenName() throws IOException {
        Files.createDirectories(dir.resolve("data/app"));
        Files.writeString(dir.resolve("data/app/file"), "kept");
        Files.createDirectories(dir.resolve("trash/taken"));
        try (Directories.Handle data = directories.open(dir.resolve("data"));
                Directories.Handle trash = directories.open(dir.resolve("trash"))) {
            assertThrows(FileAlreadyExistsException.class, () -> data.move("app", trash, "taken"));
            data.move("app", trash, "app.1");
        }
        assertEquals("kept", Files.readString(dir.resolve("trash/app.1/file")));
        assertTrue(Files.notExists(dir.resolve("data/app")));
    }

    @Test
    void deleteFileRemovesALinkNotItsTarget() throws IOException {
        Files.writeString(dir.resolve("target"), "untouched");
        Files.createSymbolicLink(dir.resolve("claim"), dir.resolve("target"));
        Files.createDirectories(dir.resolve("empty"));
        try (Directories.Handle handle = directories.open(dir)) {
            handle.deleteFile("claim");
            handle.deleteDirectory("empty");
        }
        assertEquals("untouched", Files.readString(dir.resolve("target")));
        assertEquals(List.of("target"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
    }
}
