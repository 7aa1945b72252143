package io.brickwork.agent.directories;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.Optional;

/**
 * Directories reached through open directory handles, one path segment at a time and never
 * through a symlink. The agent is root and the volume is writable by containers: a path that
 * was checked and is then resolved again by name can lead anywhere an attacker swaps a segment
 * for a link, so every change here acts on a handle, and a handle is only ever opened relative
 * to another handle. Nothing here is recursive.
 */
public interface Directories {
    /**
     * Opens the existing directory at the absolute {@code path}, walking from / and refusing
     * any segment that is a symlink or not a directory ({@link UnsafePathException}).
     */
    Handle open(Path path) throws IOException;

    /**
     * Like {@link #open}, but missing segments are created with exactly {@code mode}, as
     * {@code mkdir -p} would without following anything. One created meanwhile by someone else
     * is opened like any existing one.
     */
    default Handle openOrCreate(Path path, int mode) throws IOException {
        Handle current = open(path.getRoot());
        try {
            for (Path segment : path) {
                String name = segment.toString();
                Handle next;
                if (current.inspect(name) instanceof Entry.Missing) {
                    try {
                        next = current.createChild(name, mode);
                    } catch (FileAlreadyExistsException e) {
                        next = current.openChild(name);
                    }
                } else {
                    next = current.openChild(name);
                }
                current.close();
                current = next;
            }
            return current;
        } catch (IOException | RuntimeException e) {
            try {
                current.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** One open directory. Closing releases it; a closed handle is never used again. */
    interface Handle extends Closeable {
        /** The path this handle was reached by; for messages only, never opened again. */
        Path path();

        /** Owner, group and mode of this directory itself. */
        Entry.Directory attributes() throws IOException;

        /** What the entry {@code name} in this directory is (a symlink is reported, not followed). */
        Entry inspect(String name) throws IOException;

        /**
         * Opens the subdirectory {@code name}; {@link UnsafePathException} when it is a symlink or
         * not a directory, or was swapped while being opened.
         */
        Handle openChild(String name) throws IOException;

        /**
         * Creates the subdirectory {@code name} with exactly these mode bits (whatever the umask)
         * and opens it; {@link java.nio.file.FileAlreadyExistsException} when anything, a
         * symlink included, is there already.
         */
        Handle createChild(String name, int mode) throws IOException;

        /** Sets all twelve mode bits of this directory. */
        void setMode(int mode) throws IOException;

        /** Owner and group of this directory, bound to the handle (fchown, not chown by name). */
        PosixFileAttributeView ownerView() throws IOException;

        /** The names in this directory, without "." and "..", sorted. */
        List<String> list() throws IOException;

        /**
         * The content of the regular file {@code name}, empty when there is none; a symlink or
         * anything else there, or a file longer than {@code maxBytes}, is refused
         * ({@link UnsafePathException}).
         */
        Optional<byte[]> readFile(String name, int maxBytes) throws IOException;

        /**
         * Replaces the file {@code name} whole: a new file with these mode bits is written and
         * synced under another name in this directory, then renamed over it (a reader sees the
         * old content or the new, never a part).
         */
        void writeFile(String name, byte[] content, int mode) throws IOException;

        /** Removes the file (or symlink) {@code name}, never what a link points to. */
        void deleteFile(String name) throws IOException;

        /** Removes the empty subdirectory {@code name}. */
        void deleteDirectory(String name) throws IOException;

        /**
         * Renames the entry {@code name} of this directory to {@code newName} in {@code target}
         * (renameat: nothing is followed); {@link java.nio.file.FileAlreadyExistsException} when
         * {@code newName} is taken.
         */
        void move(String name, Handle target, String newName) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** What a path segment is. */
    sealed interface Entry {
        record Missing() implements Entry {}

        record Symlink(String target) implements Entry {}

        record NotDirectory(String kind) implements Entry {}

        /** @param mode the twelve permission bits, without the file type */
        record Directory(int uid, int gid, int mode) implements Entry {}
    }
}
