package io.brickwork.agent.directories;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * {@link Directories} with java.nio's "unix" attribute view, which reads and sets the whole mode
 * (setuid, setgid and sticky included, which {@code PosixFilePermission} cannot express) and,
 * with {@code NOFOLLOW_LINKS}, acts on the path itself.
 */
public final class NioDirectories implements Directories {
    private static final int PERMISSION_BITS = 07777;

    @Inject
    public NioDirectories() {}

    @Override
    public Entry inspect(Path path) throws IOException {
        BasicFileAttributes basic;
        try {
            basic = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new Entry.Missing();
        }
        if (basic.isSymbolicLink()) {
            return new Entry.Symlink(Files.readSymbolicLink(path).toString());
        }
        if (!basic.isDirectory()) {
            return new Entry.NotDirectory(basic.isRegularFile() ? "a file" : "not a directory");
        }
        Map<String, Object> unix = Files.readAttributes(path, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        return new Entry.Directory((Integer) unix.get("uid"), (Integer) unix.get("gid"),
                (Integer) unix.get("mode") & PERMISSION_BITS);
    }

    /**
     * mkdir(2) never follows a symlink at the last segment: an existing link there fails with
     * FileAlreadyExistsException. The umask may clear bits, so the mode is set again afterwards.
     */
    @Override
    public void create(Path path, int mode) throws IOException {
        Files.createDirectory(path);
        setMode(path, mode);
    }

    @Override
    public void setMode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode & PERMISSION_BITS, LinkOption.NOFOLLOW_LINKS);
    }
}
