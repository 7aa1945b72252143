package io.brickwork.agent.files;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * Replaces files in /etc so that a crash leaves either the old or the new content, never a
 * mix: temp file in the same directory, write, fsync, same mode and owner, rename, fsync the
 * directory. The previous content is kept in {@code <name>.brickwork.bak}.
 *
 * <p>Text is ISO-8859-1 on both sides ({@link #read}, {@link #write}) so every byte of a file
 * we did not mean to touch round-trips unchanged, whatever its encoding.
 */
public class AtomicFileWriter {
    private static final Logger LOG = Logger.getLogger(AtomicFileWriter.class.getName());
    public static final String BACKUP_SUFFIX = ".brickwork.bak";
    /** What the kernel reports when renaming onto a bind-mounted file (containers, the lab). */
    private static final String EBUSY = "Device or resource busy";

    /** The rename; a seam so that the EBUSY fallback can be tested without a bind mount. */
    @FunctionalInterface
    interface Mover {
        void move(Path source, Path target) throws IOException;
    }

    private final Mover mover;

    @Inject
    public AtomicFileWriter() {
        this((source, target) -> Files.move(source, target, StandardCopyOption.ATOMIC_MOVE));
    }

    AtomicFileWriter(Mover mover) {
        this.mover = requireNonNull(mover, "mover is null");
    }

    /** The file's content, or "" when it does not exist (a missing /etc/fstab is an empty one). */
    public static String read(Path file) throws IOException {
        try {
            return new String(Files.readAllBytes(file), ISO_8859_1);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /**
     * Makes {@code target} hold exactly {@code content}.
     *
     * @return false when it already did (nothing was written, no backup taken)
     */
    public boolean write(Path target, String content) throws IOException {
        requireNonNull(target, "target is null");
        requireNonNull(content, "content is null");
        if (!ISO_8859_1.newEncoder().canEncode(content)) {
            throw new IllegalArgumentException("content for " + target + " has characters outside ISO-8859-1");
        }
        byte[] bytes = content.getBytes(ISO_8859_1);
        // A symlinked /etc file stays a symlink: its destination is what gets replaced.
        Path file = Files.exists(target) ? target.toRealPath() : target.toAbsolutePath();
        boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        if (exists && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return false;
        }
        if (exists) {
            backUp(file);
        }
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".brickwork.tmp");
        try {
            writeAndSync(temp, bytes, StandardOpenOption.WRITE);
            copyModeAndOwner(exists ? file : null, temp);
            moveOrRewrite(temp, file, bytes);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(file.getParent());
        return true;
    }

    private void moveOrRewrite(Path temp, Path file, byte[] bytes) throws IOException {
        try {
            mover.move(temp, file);
        } catch (FileSystemException e) {
            if (!EBUSY.equals(e.getReason())) {
                throw e;
            }
            // A bind-mounted file cannot be replaced, only rewritten. Not atomic, but the
            // backup was taken first, so an interrupted rewrite can be repaired by hand.
            writeAndSync(file, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            LOG.warning(() -> "cannot rename onto " + file + " (" + EBUSY + ": it is a bind mount); rewrote it in place"
                    + " instead, which is not atomic; the previous content is in " + backupOf(file));
        }
    }

    public static Path backupOf(Path file) {
        return file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
    }

    private static void backUp(Path file) throws IOException {
        Path backup = backupOf(file);
        Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        try (FileChannel channel = FileChannel.open(backup, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void writeAndSync(Path path, byte[] bytes, StandardOpenOption... options) throws IOException {
        try (FileChannel channel = FileChannel.open(path, options)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** A new file gets the usual 0644 root-owned mode of /etc files instead of the temp file's 0600. */
    private static void copyModeAndOwner(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (from == null) {
            view.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
            return;
        }
        PosixFileAttributes attributes = Files.readAttributes(from, PosixFileAttributes.class);
        view.setPermissions(attributes.permissions());
        view.setOwner(attributes.owner());
        view.setGroup(attributes.group());
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
