package io.brickwork.agent.directories;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.lang.reflect.Field;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link Directories} on Linux with java.nio's {@link SecureDirectoryStream}: each handle is an
 * open directory descriptor. The JDK has no mkdirat and its attribute views cannot set the
 * setuid, setgid and sticky bits, so those go through {@code /proc/self/fd/N/...}: the kernel
 * resolves that link to the open descriptor itself, never to the path it was opened by, which
 * makes it the *at call Java lacks.
 *
 * <p>A child is opened as {@code /proc/self/fd/N/name/.}: the trailing "." makes the kernel
 * require a directory before anything is opened, so a FIFO swapped in fails at once instead of
 * blocking the open forever. That lookup does follow a symlink swapped in at {@code name}, so
 * the opened directory is then compared (device and inode) with what stands at {@code name}
 * without following; a mismatch refuses it.
 */
public final class NioDirectories implements Directories {
    private static final int PERMISSION_BITS = 07777;
    private static final Path ROOT = Path.of("/");
    private static final Path DESCRIPTORS = Path.of("/proc/self/fd");
    private static final Field DESCRIPTOR_FIELD = descriptorField();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Runs between the check of a segment and its opening: where an attacker would swap it. */
    interface BeforeOpen {
        void run(Path parent, String name) throws IOException;
    }

    private final BeforeOpen beforeOpen;

    @Inject
    public NioDirectories() {
        this((parent, name) -> { });
    }

    NioDirectories(BeforeOpen beforeOpen) {
        this.beforeOpen = requireNonNull(beforeOpen, "beforeOpen is null");
    }

    @Override
    public Handle open(Path path) throws IOException {
        requireNonNull(path, "path is null");
        if (!path.isAbsolute() || !path.equals(path.normalize())) {
            throw new IllegalArgumentException("path '" + path + "' is not absolute and normalized");
        }
        NioHandle current = new NioHandle(secure(Files.newDirectoryStream(ROOT), ROOT), ROOT);
        try {
            for (Path segment : path) {
                NioHandle next = current.openChild(segment.toString());
                current.close();
                current = next;
            }
            return current;
        } catch (IOException | RuntimeException e) {
            closeQuietly(current, e);
            throw e;
        }
    }

    private static SecureDirectoryStream<Path> secure(DirectoryStream<Path> stream, Path shown) throws IOException {
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        stream.close();
        throw new FileSystemException(shown.toString(), null,
                "this platform gives no directory handles (SecureDirectoryStream); the agent will not act by path");
    }

    private static void closeQuietly(Handle handle, Exception cause) {
        try {
            handle.close();
        } catch (IOException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    private static String rwx(int mode) {
        StringBuilder out = new StringBuilder(9);
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = mode >> shift;
            out.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return out.toString();
    }

    private static String checkedName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\0")) {
            throw new IllegalArgumentException("'" + name + "' is not a single path segment");
        }
        return name;
    }

    private final class NioHandle implements Handle {
        private final SecureDirectoryStream<Path> stream;
        private final Path path;
        /** {@code /proc/self/fd/N} for this handle's descriptor. */
        private final Path self;

        NioHandle(SecureDirectoryStream<Path> stream, Path path) throws IOException {
            this.stream = stream;
            this.path = path;
            try {
                this.self = DESCRIPTORS.resolve(Integer.toString(descriptorOf(stream, path)));
            } catch (IOException | RuntimeException e) {
                stream.close();
                throw e;
            }
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public Entry.Directory attributes() throws IOException {
            return directory(Files.readAttributes(self, "unix:uid,gid,mode"));
        }

        @Override
        public Entry inspect(String name) throws IOException {
            Path entry = self.resolve(checkedName(name));
            BasicFileAttributes basic;
            try {
                basic = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return new Entry.Missing();
            }
            if (basic.isSymbolicLink()) {
                return new Entry.Symlink(Files.readSymbolicLink(entry).toString());
            }
            if (!basic.isDirectory()) {
                return new Entry.NotDirectory(basic.isRegularFile() ? "a file" : "not a directory");
            }
            return directory(Files.readAttributes(entry, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS));
        }

        @Override
        public NioHandle openChild(String name) throws IOException {
            Path shown = path.resolve(checkedName(name));
            Entry entry = inspect(name);
            if (entry instanceof Entry.Symlink link) {
                throw new UnsafePathException(shown, "is a symlink (to " + link.target() + "); refusing to follow it");
            }
            if (entry instanceof Entry.NotDirectory other) {
                throw new UnsafePathException(shown, "exists and is " + other.kind());
            }
            if (entry instanceof Entry.Missing) {
                throw new NoSuchFileException(shown.toString());
            }
            beforeOpen.run(path, name);
            DirectoryStream<Path> opened;
            try {
                opened = Files.newDirectoryStream(self.resolve(name).resolve("."));
            } catch (NotDirectoryException | NoSuchFileException e) {
                throw new UnsafePathException(shown, "stopped being a directory while it was opened; refusing it");
            }
            NioHandle child = new NioHandle(secure(opened, shown), shown);
            try {
                Object openedKey = child.stream.getFileAttributeView(BasicFileAttributeView.class).readAttributes()
                        .fileKey();
                BasicFileAttributes there = Files.readAttributes(self.resolve(name), BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (!there.isDirectory() || !openedKey.equals(there.fileKey())) {
                    throw new UnsafePathException(shown, "was swapped while it was opened; refusing it");
                }
                return child;
            } catch (IOException | RuntimeException e) {
                closeQuietly(child, e);
                throw e;
            }
        }

        /** mkdir(2) never follows a symlink at the last segment: anything there fails with EEXIST. */
        @Override
        public Handle createChild(String name, int mode) throws IOException {
            Files.createDirectory(self.resolve(checkedName(name)));
            Handle child = openChild(name);
            try {
                child.setMode(mode);
                return child;
            } catch (IOException | RuntimeException e) {
                closeQuietly(child, e);
                throw e;
            }
        }

        @Override
        public void setMode(int mode) throws IOException {
            Files.setAttribute(self, "unix:mode", mode & PERMISSION_BITS);
        }

        @Override
        public PosixFileAttributeView ownerView() {
            return stream.getFileAttributeView(PosixFileAttributeView.class);
        }

        @Override
        public List<String> list() throws IOException {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(self)) {
                for (Path entry : entries) {
                    names.add(entry.getFileName().toString());
                }
            }
            Collections.sort(names);
            return names;
        }

        @Override
        public Optional<byte[]> readFile(String name, int maxBytes) throws IOException {
            Path shown = path.resolve(checkedName(name));
            BasicFileAttributes basic;
            try {
                basic = Files.readAttributes(self.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            if (!basic.isRegularFile()) {
                throw new UnsafePathException(shown, "is not a regular file; refusing to read it");
            }
            if (basic.size() > maxBytes) {
                throw new UnsafePathException(shown, "is " + basic.size() + " bytes, more than " + maxBytes);
            }
            try (SeekableByteChannel channel = stream.newByteChannel(Path.of(name),
                    Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                ByteBuffer buffer = ByteBuffer.allocate(maxBytes + 1);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // read until the end or one byte past the limit
                }
                if (!buffer.hasRemaining()) {
                    throw new UnsafePathException(shown, "grew past " + maxBytes + " bytes while it was read");
                }
                return Optional.of(Arrays.copyOf(buffer.array(), buffer.position()));
            }
        }

        @Override
        public void writeFile(String name, byte[] content, int mode) throws IOException {
            checkedName(name);
            String temporary = "." + name + ".tmp-" + Long.toHexString(RANDOM.nextLong());
            try (SeekableByteChannel channel = stream.newByteChannel(Path.of(temporary),
                    Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(rwx(mode))))) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                ((FileChannel) channel).force(true);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(temporary, e);
                throw e;
            }
            try {
                stream.move(Path.of(temporary), stream, Path.of(name));
            } catch (IOException | RuntimeException e) {
                deleteQuietly(temporary, e);
                throw e;
            }
        }

        private void deleteQuietly(String name, Exception cause) {
            try {
                stream.deleteFile(Path.of(name));
            } catch (IOException suppressed) {
                cause.addSuppressed(suppressed);
            }
        }

        @Override
        public void deleteFile(String name) throws IOException {
            stream.deleteFile(Path.of(checkedName(name)));
        }

        @Override
        public void deleteDirectory(String name) throws IOException {
            stream.deleteDirectory(Path.of(checkedName(name)));
        }

        @Override
        public void move(String name, Handle target, String newName) throws IOException {
            if (!(target instanceof NioHandle other)) {
                throw new IllegalArgumentException("target is not a handle of these directories: " + target);
            }
            checkedName(name);
            if (!(other.inspect(newName) instanceof Entry.Missing)) {
                throw new FileAlreadyExistsException(other.path.resolve(newName).toString());
            }
            stream.move(Path.of(name), other.stream, Path.of(newName));
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    private static Entry.Directory directory(Map<String, Object> unix) {
        return new Entry.Directory((Integer) unix.get("uid"), (Integer) unix.get("gid"),
                (Integer) unix.get("mode") & PERMISSION_BITS);
    }

    /**
     * The descriptor number of an open directory stream. The JDK keeps it in a private field of
     * its Linux stream, which the agent's jar opens to it (Add-Opens: java.base/sun.nio.fs in the
     * manifest; the unit tests pass the same flag). Looking the number up in /proc/self/fd by
     * device and inode instead is not safe while other threads hold handles on the same
     * directory: it can pick another handle's descriptor, which that handle closes while this one
     * still acts through it. So without the field there are no handles at all.
     */
    private static int descriptorOf(SecureDirectoryStream<Path> stream, Path shown) throws IOException {
        if (DESCRIPTOR_FIELD == null) {
            throw new FileSystemException(shown.toString(), null, "the JDK's directory descriptor is not readable"
                    + " (run the agent with --add-opens java.base/sun.nio.fs=ALL-UNNAMED); the agent will not act by path");
        }
        try {
            return DESCRIPTOR_FIELD.getInt(stream);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw new FileSystemException(shown.toString(), null, "cannot read the directory's descriptor: " + e);
        }
    }

    /** UnixSecureDirectoryStream.dfd, or null when this JDK does not have it or does not open it to us. */
    private static Field descriptorField() {
        try {
            Field field = Class.forName("sun.nio.fs.UnixSecureDirectoryStream").getDeclaredField("dfd");
            field.setAccessible(true);
            return field.getType() == int.class ? field : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
