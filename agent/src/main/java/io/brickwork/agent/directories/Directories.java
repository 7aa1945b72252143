package io.brickwork.agent.directories;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Single directories, one path segment at a time and never through a symlink: what the
 * application-directory step needs to create directories on a shared volume without being led
 * out of it. Nothing here is recursive.
 */
public interface Directories {
    /** What is at {@code path} itself (a symlink is reported, not followed). */
    Entry inspect(Path path) throws IOException;

    /** Creates {@code path}, whose parent exists and is a directory, with these permission bits. */
    void create(Path path, int mode) throws IOException;

    /** Sets all twelve mode bits of the directory {@code path} (not following a symlink). */
    void setMode(Path path, int mode) throws IOException;

    /** What a path segment is. */
    sealed interface Entry {
        record Missing() implements Entry {}

        record Symlink(String target) implements Entry {}

        record NotDirectory(String kind) implements Entry {}

        /** @param mode the twelve permission bits, without the file type */
        record Directory(int uid, int gid, int mode) implements Entry {}
    }
}
