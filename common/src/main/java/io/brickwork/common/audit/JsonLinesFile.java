package io.brickwork.common.audit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An append-only file of one JSON object per line, private to root (directory 0700, file 0600
 * from the moment it exists), rotated by size: {@code audit.log} becomes {@code audit.log.1},
 * and so on up to {@code keep} old files.
 */
public final class JsonLinesFile {
    private final Path file;
    private final long maxBytes;
    private final int keep;
    private FileChannel channel;

    public JsonLinesFile(Path file, long maxBytes, int keep) {
        this.file = requireNonNull(file, "file is null");
        if (maxBytes < 1024 || keep < 1) {
            throw new IllegalArgumentException("need maxBytes >= 1024 and keep >= 1");
        }
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    /** Appends one line (the caller passes a single-line JSON object). */
    public synchronized void append(String jsonLine) {
        if (jsonLine.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("an audit entry must be a single line");
        }
        try {
            FileChannel out = open();
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(jsonLine + "\n");
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            if (out.size() >= maxBytes) {
                rotate();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write audit log " + file, e);
        }
    }

    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                channel = null;
            }
        }
    }

    private FileChannel open() throws IOException {
        if (channel == null) {
            Path directory = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        return channel;
    }

    private void rotate() throws IOException {
        close();
        for (int i = keep - 1; i >= 1; i--) {
            Path older = sibling(i);
            if (Files.exists(older)) {
                Files.move(older, sibling(i + 1), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.move(file, sibling(1), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path sibling(int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }
}
