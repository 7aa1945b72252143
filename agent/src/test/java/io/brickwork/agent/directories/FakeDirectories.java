package io.brickwork.agent.directories;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Directories in memory, keyed by path; records every change ("mkdir 0750 PATH", "chmod 0750
 * PATH") and fails loudly where the real system calls would (missing parent, existing entry, a
 * link or file where a directory is opened). {@link #open} checks the path itself only; the walk
 * from / is the real implementation's, tested there.
 */
public final class FakeDirectories implements Directories {
    private final Map<Path, Entry> entries = new HashMap<>();
    private final Map<Path, byte[]> contents = new HashMap<>();
    private final List<String> changes = new ArrayList<>();

    public FakeDirectories() {
        entries.put(Path.of("/"), new Entry.Directory(0, 0, 0755));
    }

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

    /** Every path there is, directories and files, sorted. */
    public synchronized List<Path> paths() {
        return entries.keySet().stream().sorted().toList();
    }

    public synchronized Optional<byte[]> content(Path path) {
        return Optional.ofNullable(contents.get(path));
    }

    public synchronized Entry inspect(Path path) {
        return entries.getOrDefault(path, new Entry.Missing());
    }

    @Override
    public synchronized Handle open(Path path) throws IOException {
        Entry entry = inspect(path);
        if (entry instanceof Entry.Missing) {
            throw new NoSuchFileException(path.toString());
        }
        if (entry instanceof Entry.Symlink link) {
            throw new UnsafePathException(path, "is a symlink (to " + link.target() + "); refusing to follow it");
        }
        if (entry instanceof Entry.NotDirectory other) {
            throw new UnsafePathException(path, "exists and is " + other.kind());
        }
        return new FakeHandle(path);
    }

    public synchronized List<String> changes() {
        return List.copyOf(changes);
    }

    private void requireDirectory(Path path) throws IOException {
        if (!(inspect(path) instanceof Entry.Directory)) {
            throw new NoSuchFileException(path.toString());
        }
    }

    private final class FakeHandle implements Handle {
        private final Path path;

        FakeHandle(Path path) {
            this.path = path;
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public Entry.Directory attributes() {
            synchronized (FakeDirectories.this) {
                return (Entry.Directory) FakeDirectories.this.inspect(path);
            }
        }

        @Override
        public Entry inspect(String name) {
            return FakeDirectories.this.inspect(path.resolve(name));
        }

        @Override
        public Handle openChild(String name) throws IOException {
            return open(path.resolve(name));
        }

        @Override
        public Handle createChild(String name, int mode) throws IOException {
            synchronized (FakeDirectories.this) {
                Path child = path.resolve(name);
                if (!(FakeDirectories.this.inspect(child) instanceof Entry.Missing)) {
                    throw new FileAlreadyExistsException(child.toString());
                }
                if (!(FakeDirectories.this.inspect(path) instanceof Entry.Directory)) {
                    throw new NoSuchFileException(path.toString());
                }
                entries.put(child, new Entry.Directory(0, 0, mode));
                changes.add(String.format("mkdir %04o %s", mode, child));
                return new FakeHandle(child);
            }
        }

        @Override
        public void setMode(int mode) throws IOException {
            synchronized (FakeDirectories.this) {
                if (!(FakeDirectories.this.inspect(path) instanceof Entry.Directory existing)) {
                    throw new NoSuchFileException(path.toString());
                }
                entries.put(path, new Entry.Directory(existing.uid(), existing.gid(), mode));
                changes.add(String.format("chmod %04o %s", mode, path));
            }
        }

        @Override
        public PosixFileAttributeView ownerView() {
            throw new UnsupportedOperationException("FakeDirectories has no owners; use FakeOwnership");
        }

        @Override
        public List<String> list() throws IOException {
            synchronized (FakeDirectories.this) {
                requireDirectory(path);
                return entries.keySet().stream().filter(p -> path.equals(p.getParent()))
                        .map(p -> p.getFileName().toString()).sorted().toList();
            }
        }

        @Override
        public Optional<byte[]> readFile(String name, int maxBytes) throws IOException {
            synchronized (FakeDirectories.this) {
                Path file = path.resolve(name);
                Entry entry = FakeDirectories.this.inspect(file);
                if (entry instanceof Entry.Missing) {
                    return Optional.empty();
                }
                byte[] content = contents.get(file);
                if (content == null) {
                    throw new UnsafePathException(file, "is not a regular file; refusing to read it");
                }
                if (content.length > maxBytes) {
                    throw new UnsafePathException(file, "is " + content.length + " bytes, more than " + maxBytes);
                }
                return Optional.of(content.clone());
            }
        }

        @Override
        public void writeFile(String name, byte[] content, int mode) throws IOException {
            synchronized (FakeDirectories.this) {
                requireDirectory(path);
                Path file = path.resolve(name);
                Entry entry = FakeDirectories.this.inspect(file);
                if (!(entry instanceof Entry.Missing) && !contents.containsKey(file)) {
                    throw new IOException(file + ": not a file, cannot be replaced by one");
                }
                entries.put(file, new Entry.NotDirectory("a file"));
                contents.put(file, content.clone());
                changes.add(String.format("write %04o %s", mode, file));
            }
        }

        @Override
        public void deleteFile(String name) throws IOException {
            synchronized (FakeDirectories.this) {
                Path file = path.resolve(name);
                Entry entry = FakeDirectories.this.inspect(file);
                if (entry instanceof Entry.Missing) {
                    throw new NoSuchFileException(file.toString());
                }
                if (entry instanceof Entry.Directory) {
                    throw new IOException(file + ": is a directory");
                }
                entries.remove(file);
                contents.remove(file);
                changes.add("rm " + file);
            }
        }

        @Override
        public void deleteDirectory(String name) throws IOException {
            synchronized (FakeDirectories.this) {
                Path directory = path.resolve(name);
                if (!(FakeDirectories.this.inspect(directory) instanceof Entry.Directory)) {
                    throw new NoSuchFileException(directory.toString());
                }
                if (entries.keySet().stream().anyMatch(p -> directory.equals(p.getParent()))) {
                    throw new DirectoryNotEmptyException(directory.toString());
                }
                entries.remove(directory);
                changes.add("rmdir " + directory);
            }
        }

        @Override
        public void move(String name, Handle target, String newName) throws IOException {
            synchronized (FakeDirectories.this) {
                Path from = path.resolve(name);
                Path to = target.path().resolve(newName);
                if (FakeDirectories.this.inspect(from) instanceof Entry.Missing) {
                    throw new NoSuchFileException(from.toString());
                }
                if (!(FakeDirectories.this.inspect(to) instanceof Entry.Missing)) {
                    throw new FileAlreadyExistsException(to.toString());
                }
                for (Path moved : entries.keySet().stream().filter(p -> p.startsWith(from)).toList()) {
                    Path renamed = to.resolve(from.relativize(moved));
                    entries.put(renamed, entries.remove(moved));
                    byte[] content = contents.remove(moved);
                    if (content != null) {
                        contents.put(renamed, content);
                    }
                }
                changes.add("mv " + from + " " + to);
            }
        }

        @Override
        public void close() {}
    }
}
