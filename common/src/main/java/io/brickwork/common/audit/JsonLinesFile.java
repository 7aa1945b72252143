package io.brickwork.common.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An append-only file of one JSON object per line, private to root (directory 0700, file 0600
 * from the moment it exists), rotated by size before a write would pass the limit:
 * {@code audit.log} becomes {@code audit.log.1}, and so on up to {@code keep} old files.
 *
 * <p>Writing never throws: a line that cannot be written is logged SEVERE (so the journal still
 * has it), the caller is told so (it may refuse to act unrecorded), and the next line reopens the file.
 */
public final class JsonLinesFile {
    private static final Logger LOG = Logger.getLogger(JsonLinesFile.class.getName());
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private FileChannel channel;
    private long size;

    public JsonLinesFile(Path file, long maxBytes, int keep) {
        this.file = requireNonNull(file, "file is null").toAbsolutePath();
        if (maxBytes < 1 || keep < 1) {
            throw new IllegalArgumentException("need maxBytes >= 1 and keep >= 1");
        }
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    public Path file() {
        return file;
    }

    /** Appends one line (the caller passes a single-line JSON object); false when it could not be written. */
    public synchronized boolean append(String jsonLine) {
        if (jsonLine.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("an audit entry must be a single line");
        }
        byte[] bytes = (jsonLine + "\n").getBytes(UTF_8);
        try {
            if (channel == null) {
                open();
            }
            if (size > 0 && size + bytes.length > maxBytes) {
                rotate();
                open();
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                size += channel.write(buffer);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "cannot write the audit log " + file + "; lost entry: " + jsonLine, e);
            close();
            return false;
        }
    }

    public synchronized void close() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot close the audit log", e);
        }
        channel = null;
        size = 0;
    }

    /**
     * O_NOFOLLOW: root appending to whatever a planted symlink points at would be a gift. The
     * mode is given at creation, so the file is never readable by others, not even briefly.
     */
    private void open() throws IOException {
        Path directory = file.getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
        }
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
        channel = FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(FILE_MODE));
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (!mode.equals(FILE_MODE)) {
            LOG.warning(() -> "audit log " + file + " had mode " + PosixFilePermissions.toString(mode)
                    + "; setting rw-------");
            Files.setPosixFilePermissions(file, FILE_MODE);
        }
        size = channel.size();
    }

    /** FILE.keep is overwritten by FILE.(keep-1), and so on down to FILE becoming FILE.1. */
    private void rotate() throws IOException {
        close();
        for (int i = keep - 1; i >= 1; i--) {
            Path from = rotated(i);
            if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(from, rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path rotated(int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }
}
