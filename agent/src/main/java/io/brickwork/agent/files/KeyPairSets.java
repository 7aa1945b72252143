package io.brickwork.agent.files;

import io.brickwork.common.security.SecureFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A private directory of key-and-certificate sets, each in its own {@code pair-SERIAL}
 * directory, and a {@code current} symlink naming the one in use. A new set is written whole
 * beside the old one and {@code current} is renamed over to it, so a reader (the agent's TLS,
 * glusterd) sees either set whole, never a key from one and a certificate from the other.
 */
public final class KeyPairSets {
    public static final String CURRENT = "current";
    private static final String PREFIX = "pair-";

    private KeyPairSets() {}

    /** The set {@code current} names in {@code home}; empty when there is none, or the link is not one of ours. */
    public static Optional<Path> current(Path home) throws IOException {
        Path current = home.resolve(CURRENT);
        if (!Files.isSymbolicLink(current)) {
            return Optional.empty();
        }
        Path target = Files.readSymbolicLink(current);
        return target.getFileName().toString().startsWith(PREFIX) && target.getParent() == null
                ? Optional.of(home.resolve(target)) : Optional.empty();
    }

    /** An empty private directory for the set of the certificate with this serial (hexadecimal). */
    public static Path fresh(Path home, String serial) throws IOException {
        Path pair = home.resolve(PREFIX + serial);
        deleteSet(pair);
        SecureFiles.ensurePrivateDirectory(pair);
        return pair;
    }

    /** Points {@code current} at {@code pair} and makes the switch durable. */
    public static void switchTo(Path home, Path pair) throws IOException {
        replaceWithLink(home.resolve(CURRENT), pair.getFileName());
        sync(home);
    }

    /** Deletes the set that was current before, once {@code pair} is: never the one now in use. */
    public static void deletePrevious(Optional<Path> previous, Path pair) throws IOException {
        if (previous.isPresent() && !previous.get().equals(pair)) {
            deleteSet(previous.get());
        }
    }

    /** A new symlink under a temporary name, renamed over {@code link}: readers see the old target or the new one. */
    public static void replaceWithLink(Path link, Path target) throws IOException {
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
            return;
        }
        Path temp = link.resolveSibling("." + link.getFileName() + ".link.tmp");
        Files.deleteIfExists(temp);
        Files.createSymbolicLink(temp, target);
        Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** fsync of a directory: its renames and new links survive a crash. */
    public static void sync(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Only ever a set directory of ours: plain files, no links followed. */
    private static void deleteSet(Path pair) throws IOException {
        if (!Files.exists(pair, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(pair, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(pair);
            return;
        }
        try (Stream<Path> files = Files.list(pair)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(pair);
    }
}
