package io.brickwork.agent.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
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
 * The audit log as JSON lines in a file readable by root only, rotated by size (FILE.1 is the
 * newest rotated file), and each line also at INFO on logger {@code brickwork.audit}. Lines are
 * written whole with one write on an O_APPEND file, not fsynced: losing the last lines to a
 * power cut is acceptable, a torn or interleaved line is not. One agent process per file.
 */
public final class JsonLinesAuditLog implements AuditLog {
    static final String LOGGER_NAME = "brickwork.audit";
    private static final Logger AUDIT = Logger.getLogger(LOGGER_NAME);
    private static final Logger LOG = Logger.getLogger(JsonLinesAuditLog.class.getName());
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

    private final AuditSettings settings;
    private FileChannel channel;
    private long size;

    @Inject
    public JsonLinesAuditLog(AuditSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void record(AuditEntry entry) {
        String line;
        try {
            line = AuditLine.format(entry);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "cannot format an audit entry for request " + entry.request().getId(), e);
            return;
        }
        AUDIT.info(line);
        append((line + "\n").getBytes(UTF_8), line);
    }

    private synchronized void append(byte[] bytes, String line) {
        try {
            if (channel == null) {
                open();
            }
            if (size > 0 && size + bytes.length > settings.maxBytes()) {
                rotate();
                open();
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                size += channel.write(buffer);
            }
        } catch (IOException | RuntimeException e) {
            // The line is in the SEVERE record, so the journal still has it; the next entry reopens.
            LOG.log(Level.SEVERE, "cannot write the audit log " + settings.file() + "; lost entry: " + line, e);
            closeQuietly();
        }
    }

    /**
     * O_NOFOLLOW: root appending to whatever a planted symlink points at would be a gift. The
     * mode is given at creation, so the file is never readable by others, not even briefly.
     */
    private void open() throws IOException {
        Path directory = settings.file().getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
        }
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
        channel = FileChannel.open(settings.file(), options, PosixFilePermissions.asFileAttribute(FILE_MODE));
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(settings.file(), LinkOption.NOFOLLOW_LINKS);
        if (!mode.equals(FILE_MODE)) {
            LOG.warning(() -> "audit log " + settings.file() + " had mode " + PosixFilePermissions.toString(mode)
                    + "; setting rw-------");
            Files.setPosixFilePermissions(settings.file(), FILE_MODE);
        }
        size = channel.size();
    }

    /** FILE.keep is overwritten by FILE.(keep-1), and so on down to FILE becoming FILE.1. */
    private void rotate() throws IOException {
        closeQuietly();
        for (int i = settings.keep() - 1; i >= 1; i--) {
            Path from = rotated(i);
            if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(from, rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(settings.file(), rotated(1), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path rotated(int index) {
        return settings.file().resolveSibling(settings.file().getFileName() + "." + index);
    }

    private void closeQuietly() {
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
}
