package io.brickwork.common.security;

import java.nio.file.Path;

/**
 * Key material, or the directory holding it, that group or other users can reach. Refusing to
 * start is the point: a key that may have been read is not a key to keep signing with quietly.
 */
public final class InsecurePermissionsException extends RuntimeException {
    private final Path path;

    public InsecurePermissionsException(Path path, String message) {
        super(message);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
