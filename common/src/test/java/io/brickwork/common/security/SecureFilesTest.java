package io.brickwork.common.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureFilesTest {
    @TempDir
    Path dir;

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void writePrivateWritesContentOwnerOnly() throws IOException {
        Path file = dir.resolve("secret.key");
        SecureFiles.writePrivate(file, "secret".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("secret".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
        assertEquals("rw-------", mode(file));
    }

    @Test
    void writePrivateOverAWorldReadableFileLeavesItOwnerOnly() throws IOException {
        Path file = dir.resolve("secret.key");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        SecureFiles.writePrivate(file, "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(file));
        assertEquals("rw-------", mode(file));
    }

    @Test
    void writePublicIsWorldReadable() throws IOException {
        Path file = dir.resolve("ca.crt");
        SecureFiles.writePublic(file, "cert".getBytes(StandardCharsets.UTF_8));
        assertEquals("rw-r--r--", mode(file));
    }

    @Test
    void writesLeaveNoTemporaryFiles() throws IOException {
        SecureFiles.writePrivate(dir.resolve("a"), new byte[] {1});
        SecureFiles.writePublic(dir.resolve("a"), new byte[] {2});
        assertEquals(List.of(dir.resolve("a")), files());
    }

    @Test
    void failedWriteLeavesNoTemporaryFile() throws IOException {
        Path directory = dir.resolve("a-directory");
        Files.createDirectory(directory);
        Files.writeString(directory.resolve("inside"), "x");
        assertThrows(java.io.UncheckedIOException.class, () -> SecureFiles.writePrivate(directory, new byte[] {1}));
        assertEquals(List.of(directory), files());
    }

    @Test
    void ensurePrivateDirectoryCreatesItOwnerOnly() throws IOException {
        Path created = dir.resolve("state/pki");
        SecureFiles.ensurePrivateDirectory(created);
        assertTrue(Files.isDirectory(created));
        assertEquals("rwx------", mode(created));
    }

    @Test
    void ensurePrivateDirectoryAcceptsAnExistingOwnerOnlyDirectory() throws IOException {
        Path existing = Files.createDirectory(dir.resolve("pki"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        SecureFiles.ensurePrivateDirectory(existing);
        assertEquals("rwx------", mode(existing));
    }

    @Test
    void ensurePrivateDirectoryRefusesAGroupReadableDirectory() throws IOException {
        Path existing = Files.createDirectory(dir.resolve("pki"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-x---"));
        InsecurePermissionsException e = assertThrows(InsecurePermissionsException.class,
                () -> SecureFiles.ensurePrivateDirectory(existing));
        assertTrue(e.getMessage().contains("0750"), e.getMessage());
        assertEquals(existing, e.path());
    }
}
