package io.brickwork.agent.directories;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Directories in memory; records every change ("mkdir 0750 PATH", "chmod 0750 PATH") and fails
 * loudly where the real system calls would (missing parent, existing entry).
 */
public final class FakeDirectories implements Directories {
    private final Map<Path, Entry> entries = new HashMap<>();
    private final List<String> changes = new ArrayList<>();

    public synchronized FakeDirectories directory(Path path, int mode) {
        entries.put(path, new Entry.Directory(0, 0, mode));
        return this;
    }

    public synchronized FakeDirectories symlink(Path path, String target) {
        entries.put(path, new Entry.Symlink(target));
        return this;
    }

    public synchronized FakeDirectories file(Path path) {
        entries.put(path, new Entry.NotDirectory("a file"));
        return this;
    }

    @Override
    public synchronized Entry inspect(Path path) {
        return entries.getOrDefault(path, new Entry.Missing());
    }

    @Override
    public synchronized void create(Path path, int mode) throws IOException {
        if (!(inspect(path.getParent()) instanceof Entry.Directory)) {
            throw new NoSuchFileException(path.getParent().toString());
        }
        if (!(inspect(path) instanceof Entry.Missing)) {
            throw new FileAlreadyExistsException(path.toString());
        }
        entries.put(path, new Entry.Directory(0, 0, mode));
        changes.add(String.format("mkdir %04o %s", mode, path));
    }

    @Override
    public synchronized void setMode(Path path, int mode) throws IOException {
        if (!(inspect(path) instanceof Entry.Directory existing)) {
            throw new NoSuchFileException(path.toString());
        }
        entries.put(path, new Entry.Directory(existing.uid(), existing.gid(), mode));
        changes.add(String.format("chmod %04o %s", mode, path));
    }

    public synchronized List<String> changes() {
        return List.copyOf(changes);
    }
}
