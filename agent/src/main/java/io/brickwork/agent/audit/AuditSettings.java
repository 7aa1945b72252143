package io.brickwork.agent.audit;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * @param file the current log; rotated ones are FILE.1 (newest) to FILE.keep
 * @param maxBytes rotate before a line would make the file larger than this
 * @param keep how many rotated files to keep
 */
public record AuditSettings(Path file, long maxBytes, int keep) {
    public AuditSettings {
        requireNonNull(file, "file is null");
        if (!file.isAbsolute() || file.getParent() == null) {
            throw new IllegalArgumentException("file must be an absolute path below a directory, got " + file);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        }
    }
}
