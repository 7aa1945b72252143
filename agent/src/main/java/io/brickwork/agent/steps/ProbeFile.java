package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.mount.MountEntry;
import io.brickwork.agent.mount.MountTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * A probe file directly inside a glusterfs mount. Probes only ever touch such files: on a
 * mount point with nothing mounted they would test (or litter) the local disk instead.
 */
final class ProbeFile {
    /** No probe is larger (the agent refuses to write one that is); a larger file is not ours. */
    static final int MAX_READ_BYTES = 64 * 1024;

    private final Path mountPoint;
    private final Path file;

    ProbeFile(Path mountPoint, String fileName) {
        this.mountPoint = requireNonNull(mountPoint, "mountPoint is null");
        this.file = mountPoint.resolve(fileName);
        if (!file.getParent().equals(mountPoint)) {
            throw new IllegalArgumentException("probe file name '" + fileName + "' is not a single path component");
        }
    }

    Path path() {
        return file;
    }

    /** Why probes may not run here, if they may not. */
    Optional<String> refusal(MountTable mountTable) throws IOException {
        Optional<MountEntry> mounted = mountTable.at(mountPoint);
        if (mounted.isEmpty()) {
            return Optional.of(mountPoint + " is not mounted; probes only run on a glusterfs mount");
        }
        if (!mounted.get().isGlusterfs()) {
            return Optional.of(mounted.get() + " is not a glusterfs mount; probes only run on one");
        }
        // Anyone who can write to the volume could plant a link named like a probe, pointing at /etc/shadow.
        if (exists() && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(file + " is not a regular file; probes only ever touch their own files");
        }
        return Optional.empty();
    }

    /**
     * The content (at most {@link #MAX_READ_BYTES} + 1 bytes: enough to tell it is not a probe),
     * or empty when there is no such file yet. Anyone who can write to the volume can plant
     * something else while the agent waits for the probe to arrive: a link is never followed,
     * and anything but a regular file (a FIFO would block the open forever) fails the read.
     * Between that check and the open a FIFO could still be swapped in; the JDK offers no
     * O_NONBLOCK open to close that last gap.
     */
    Optional<byte[]> read() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            throw new IOException(file + " is not a regular file; probes only ever read their own files");
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS); InputStream in = Channels.newInputStream(channel)) {
            return Optional.of(in.readNBytes(MAX_READ_BYTES + 1));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    boolean exists() {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }
}
