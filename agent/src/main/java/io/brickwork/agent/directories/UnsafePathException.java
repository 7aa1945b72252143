package io.brickwork.agent.directories;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** A path segment the agent will not go through: a symlink, not a directory, or swapped meanwhile. */
public final class UnsafePathException extends FileSystemException {
    private final String reason;

    public UnsafePathException(Path path, String reason) {
        super(path.toString(), null, reason);
        this.reason = reason;
    }

    /** The path and why, as one sentence. */
    @Override
    public String getMessage() {
        return getFile() + " " + reason;
    }
}
