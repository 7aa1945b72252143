package io.brickwork.agent.ownership;

import io.brickwork.agent.directories.Directories;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Owner and group of single directories; nothing here is recursive. Changes act on an open
 * directory handle, never on a path that could be swapped for a symlink after it was checked.
 */
public interface Ownership {
    /** For reports only: reads {@code path} itself, a symlink not followed. */
    Owners of(Path path) throws IOException;

    Owners of(Directories.Handle directory) throws IOException;

    /** Whether the directory is owned by this user and group, compared by id ("0" and "root" are the same). */
    boolean ownedBy(Directories.Handle directory, String user, String group) throws IOException, NoSuchAccountException;

    /** Sets owner and group of the open directory itself. */
    void set(Directories.Handle directory, String user, String group) throws IOException, NoSuchAccountException;

    void requireUser(String user) throws IOException, NoSuchAccountException;

    void requireGroup(String group) throws IOException, NoSuchAccountException;
}
