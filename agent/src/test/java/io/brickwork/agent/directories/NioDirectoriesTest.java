package io.brickwork.agent.directories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brickwork.agent.directories.Directories.Entry;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioDirectoriesTest {
    @TempDir
    Path dir;

    private final NioDirectories directories = new NioDirectories();

    @Test
    void aSymlinkIsReportedWithItsTargetNotFollowed() throws IOException {
        Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc"));

        Entry entry = directories.inspect(dir.resolve("link"));

        assertEquals(new Entry.Symlink("/etc"), entry);
    }

    @Test
    void missingFilesAndDirectoriesAreToldApart() throws IOException {
        Files.writeString(dir.resolve("file"), "x");

        assertInstanceOf(Entry.Missing.class, directories.inspect(dir.resolve("none")));
        assertEquals(new Entry.NotDirectory("a file"), directories.inspect(dir.resolve("file")));
    }

    @Test
    void createdDirectoryHasAllTwelveModeBitsWhateverTheUmask() throws IOException {
        directories.create(dir.resolve("app"), 02750);

        Entry.Directory created = (Entry.Directory) directories.inspect(dir.resolve("app"));
        assertEquals(02750, created.mode());
    }

    @Test
    void setModeChangesOnlyTheMode() throws IOException {
        directories.create(dir.resolve("app"), 0700);

        directories.setMode(dir.resolve("app"), 0755);

        assertEquals(0755, ((Entry.Directory) directories.inspect(dir.resolve("app"))).mode());
    }

    @Test
    void createNeverGoesThroughASymlinkAtTheLastSegment() throws IOException {
        Path target = Files.createDirectory(dir.resolve("target"));
        Files.createSymbolicLink(dir.resolve("app"), target);

        assertThrows(FileAlreadyExistsException.class, () -> directories.create(dir.resolve("app"), 0750));
    }
}
