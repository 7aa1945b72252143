package io.brickwork.agent.ownership;

import java.io.IOException;
import java.nio.file.Path;

/** Owner and group of single paths; nothing here is recursive. */
public interface Ownership {
    Owners of(Path path) throws IOException;

    /** Whether {@code path} is owned by this user and group, compared by id ("0" and "root" are the same). */
    boolean ownedBy(Path path, String user, String group) throws IOException, NoSuchAccountException;

    /** Sets owner and group of {@code path} itself (a symlink is not followed). */
    void set(Path path, String user, String group) throws IOException, NoSuchAccountException;

    void requireUser(String user) throws IOException, NoSuchAccountException;

    void requireGroup(String group) throws IOException, NoSuchAccountException;
}
