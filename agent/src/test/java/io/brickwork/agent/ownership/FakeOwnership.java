package io.brickwork.agent.ownership;

import io.brickwork.agent.directories.Directories;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Ownership by name in memory; records every change as "chown user:group path". */
public final class FakeOwnership implements Ownership {
    private final Set<String> users = new HashSet<>(Set.of("root"));
    private final Set<String> groups = new HashSet<>(Set.of("root"));
    private final Map<Path, Owners> owners = new HashMap<>();
    private final List<String> changes = new ArrayList<>();

    public synchronized FakeOwnership withUser(String user) {
        users.add(user);
        return this;
    }

    public synchronized FakeOwnership withGroup(String group) {
        groups.add(group);
        return this;
    }

    public synchronized FakeOwnership owned(Path path, String user, String group) {
        owners.put(path, new Owners(user, group));
        return this;
    }

    @Override
    public synchronized Owners of(Path path) {
        return owners.getOrDefault(path, new Owners("root", "root"));
    }

    @Override
    public synchronized Owners of(Directories.Handle directory) {
        return of(directory.path());
    }

    @Override
    public synchronized boolean ownedBy(Directories.Handle directory, String user, String group)
            throws NoSuchAccountException {
        requireUser(user);
        requireGroup(group);
        return of(directory.path()).equals(new Owners(user, group));
    }

    @Override
    public synchronized void set(Directories.Handle directory, String user, String group) throws NoSuchAccountException {
        requireUser(user);
        requireGroup(group);
        owners.put(directory.path(), new Owners(user, group));
        changes.add("chown " + user + ":" + group + " " + directory.path());
    }

    @Override
    public synchronized void requireUser(String user) throws NoSuchAccountException {
        if (!users.contains(user)) {
            throw new NoSuchAccountException("user", user);
        }
    }

    @Override
    public synchronized void requireGroup(String group) throws NoSuchAccountException {
        if (!groups.contains(group)) {
            throw new NoSuchAccountException("group", group);
        }
    }

    public synchronized List<String> changes() {
        return List.copyOf(changes);
    }
}
