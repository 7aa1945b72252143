package io.brickwork.agent.files;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {
    @TempDir
    Path dir;

    @Test
    void identicalContentIsNotWrittenAndTakesNoBackup() throws IOException {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost\n");
        FileTime before = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(hosts, before);

        boolean changed = new AtomicFileWriter().write(hosts, "127.0.0.1 localhost\n");

        assertFalse(changed);
        assertEquals(before, Files.getLastModifiedTime(hosts));
        assertFalse(Files.exists(AtomicFileWriter.backupOf(hosts)));
    }

    @Test
    void changedContentReplacesTheFileAndKeepsTheOldOneAsBackup() throws IOException {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "old\n");

        boolean changed = new AtomicFileWriter().write(hosts, "new\n");

        assertTrue(changed);
        assertEquals("new\n", Files.readString(hosts));
        assertEquals("old\n", Files.readString(dir.resolve("hosts.brickwork.bak")));
    }

    @Test
    void keepsTheModeOfTheReplacedFile() throws IOException {
        Path fstab = dir.resolve("fstab");
        Files.writeString(fstab, "old\n");
        Files.setPosixFilePermissions(fstab, PosixFilePermissions.fromString("rw-r-----"));

        new AtomicFileWriter().write(fstab, "new\n");

        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(fstab)));
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "old\n");

        new AtomicFileWriter().write(hosts, "new\n");

        assertEquals(List.of("hosts", "hosts.brickwork.bak"), listing());
    }

    @Test
    void createsAMissingFileWithMode0644() throws IOException {
        Path fstab = dir.resolve("fstab");

        assertTrue(new AtomicFileWriter().write(fstab, "line\n"));

        assertEquals("line\n", Files.readString(fstab));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fstab)));
        assertFalse(Files.exists(AtomicFileWriter.backupOf(fstab)));
    }

    @Test
    void replacesTheTargetOfASymlinkAndKeepsTheLink() throws IOException {
        Path real = dir.resolve("real-hosts");
        Files.writeString(real, "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("hosts"), real);

        new AtomicFileWriter().write(link, "new\n");

        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new\n", Files.readString(real));
    }

    @Test
    void roundTripsBytesThatAreNotUtf8() throws IOException {
        Path hosts = dir.resolve("hosts");
        byte[] latin1 = {'#', ' ', (byte) 0xE9, '\n'};
        Files.write(hosts, latin1);

        String text = AtomicFileWriter.read(hosts);
        new AtomicFileWriter().write(hosts, text + "10.0.0.1\tnode1\n");

        byte[] expected = (new String(latin1, ISO_8859_1) + "10.0.0.1\tnode1\n").getBytes(ISO_8859_1);
        assertArrayEquals(expected, Files.readAllBytes(hosts));
    }

    @Test
    void readsAMissingFileAsEmpty() throws IOException {
        assertEquals("", AtomicFileWriter.read(dir.resolve("absent")));
    }

    @Test
    void rewritesInPlaceWhenRenameFailsWithEbusyAsOnABindMount() throws IOException {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "old\n");
        Object inode = Files.getAttribute(hosts, "unix:ino");
        AtomicFileWriter writer = new AtomicFileWriter((source, target) -> {
            throw new FileSystemException(source.toString(), target.toString(), "Device or resource busy");
        });
        List<LogRecord> warnings = captureWarnings();

        boolean changed = writer.write(hosts, "new\n");

        assertTrue(changed);
        assertEquals("new\n", Files.readString(hosts));
        assertEquals(inode, Files.getAttribute(hosts, "unix:ino"), "same file, rewritten, not replaced");
        assertEquals("old\n", Files.readString(AtomicFileWriter.backupOf(hosts)));
        assertEquals(List.of("hosts", "hosts.brickwork.bak"), listing());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).getMessage().contains("bind mount"), warnings.get(0).getMessage());
    }

    @Test
    void otherRenameFailuresPropagateAndLeaveTheFileAsItWas() throws IOException {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "old\n");
        AtomicFileWriter writer = new AtomicFileWriter((source, target) -> {
            throw new FileSystemException(source.toString(), target.toString(), "Read-only file system");
        });

        assertThrows(FileSystemException.class, () -> writer.write(hosts, "new\n"));

        assertEquals("old\n", Files.readString(hosts));
        assertEquals(List.of("hosts", "hosts.brickwork.bak"), listing());
    }

    @Test
    void refusesTextThatCannotBeWrittenByteForByte() {
        Path hosts = dir.resolve("hosts");

        assertThrows(IllegalArgumentException.class, () -> new AtomicFileWriter().write(hosts, "\u2603\n"));
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static List<LogRecord> captureWarnings() {
        List<LogRecord> records = new java.util.ArrayList<>();
        Logger logger = Logger.getLogger(AtomicFileWriter.class.getName());
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        return records;
    }
}
