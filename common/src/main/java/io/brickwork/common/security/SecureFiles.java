package io.brickwork.common.security;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Key and certificate files: written atomically (temp file in the same directory, fsync,
 * ATOMIC_MOVE, fsync the directory) and with their final mode from the moment they exist.
 * Failures are {@link UncheckedIOException}s naming the file.
 */
public final class SecureFiles {
    static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecureFiles() {}

    /**
     * Creates {@code dir} (and missing parents) with mode 0700, or checks that an existing one
     * gives group and other no access at all; throws {@link InsecurePermissionsException} if it does.
     */
    public static void ensurePrivateDirectory(Path dir) {
        requireNonNull(dir, "dir is null");
        try {
            if (!Files.exists(dir)) {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
                    Files.setPosixFilePermissions(dir, PRIVATE_DIRECTORY);
                    return;
                } catch (FileAlreadyExistsException e) {
                    // Created meanwhile by someone else: check it like any existing directory.
                }
            }
            if (!Files.isDirectory(dir)) {
                throw new NotDirectoryException(dir.toString());
            }
            requireNoGroupOrOtherAccess(dir, "chmod 700 " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare private directory " + dir + ": " + e, e);
        }
    }

    /** Writes a file only its owner can read (0600); it never exists with a wider mode. */
    public static void writePrivate(Path file, byte[] content) {
        write(file, content, PRIVATE_FILE);
    }

    /** Writes a world-readable file (0644), e.g. a certificate. */
    public static void writePublic(Path file, byte[] content) {
        write(file, content, PUBLIC_FILE);
    }

    /** Throws {@link InsecurePermissionsException} when group or other have any access to the file. */
    static void requirePrivateFile(Path file) {
        try {
            requireNoGroupOrOtherAccess(file, "chmod 600 " + file + ", and consider the key compromised");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mode of " + file + ": " + e, e);
        }
    }

    private static void requireNoGroupOrOtherAccess(Path path, String remedy) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        for (PosixFilePermission permission : permissions) {
            if (GROUP_OR_OTHER.contains(permission)) {
                throw new InsecurePermissionsException(path, path + " is accessible by group or other users (mode "
                        + mode(permissions) + "); refusing to use it: " + remedy);
            }
        }
    }

    private static void write(Path file, byte[] content, Set<PosixFilePermission> permissions) {
        requireNonNull(file, "file is null");
        requireNonNull(content, "content is null");
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = dir.resolve("." + absolute.getFileName() + "." + HexFormat.of().formatHex(Randomness.bytes(6))
                + ".tmp");
        try {
            // CREATE_NEW (O_EXCL) with the mode as an attribute: the file is born 0600 (or narrower, by
            // umask) and a symlink planted at the temp name is not followed.
            try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(permissions))) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            // The umask may have narrowed the mode (0644 under umask 077): set it exactly.
            Files.setPosixFilePermissions(temp, permissions);
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot write " + file + ": " + e, e);
        }
    }

    static String mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return String.format("%04o", mode);
    }
}
