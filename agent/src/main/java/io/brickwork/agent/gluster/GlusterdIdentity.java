package io.brickwork.agent.gluster;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.files.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who glusterd is on this node, in its working directory: its UUID ({@code glusterd.info}), the
 * peers it knows ({@code peers/UUID}, one file each) and the volumes it holds ({@code vols/NAME}).
 * Read and written only while it matters that glusterd is a fresh install: restoring a rebuilt
 * node's identity, which glusterd itself offers no command for (gluster's documented procedure
 * for a host rebuilt under its own name edits these files with glusterd stopped).
 */
public final class GlusterdIdentity {
    /** A peer as glusterd stores it. */
    public record Peer(String uuid, String hostname) {
        public Peer {
            requireNonNull(uuid, "uuid is null");
            requireNonNull(hostname, "hostname is null");
        }
    }

    /** glusterd's own UUIDs are lower-case 8-4-4-4-12. */
    public static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** glusterd's state for a peer that has fully joined (GD_FRIEND_STATE_BEFRIENDED). */
    static final int BEFRIENDED = 3;
    private static final String INFO = "glusterd.info";

    private final Path workdir;
    private final AtomicFileWriter writer;

    public GlusterdIdentity(Path workdir, AtomicFileWriter writer) {
        this.workdir = requireNonNull(workdir, "workdir is null");
        this.writer = requireNonNull(writer, "writer is null");
    }

    /** The UUID in glusterd.info; empty when glusterd has not written one yet. */
    public Optional<String> uuid() throws IOException {
        return uuidIn(workdir);
    }

    /** The UUID in {@code workdir}'s glusterd.info. */
    public static Optional<String> uuidIn(Path workdir) throws IOException {
        for (String line : AtomicFileWriter.read(workdir.resolve(INFO)).split("\n")) {
            if (line.startsWith("UUID=")) {
                String uuid = line.substring("UUID=".length()).strip().toLowerCase(Locale.ROOT);
                return uuid.isEmpty() ? Optional.empty() : Optional.of(uuid);
            }
        }
        return Optional.empty();
    }

    /** The file names under peers/ (each a peer's UUID). */
    public List<String> peerFiles() throws IOException {
        return names(workdir.resolve("peers"));
    }

    /** The directory names under vols/ (each a volume). */
    public List<String> volumes() throws IOException {
        return names(workdir.resolve("vols"));
    }

    /** When glusterd last stored the volume (its vols/NAME/info); empty when it holds no such volume. */
    public Optional<Instant> storedAt(String volume) throws IOException {
        Path info = workdir.resolve("vols").resolve(volume).resolve("info");
        if (!Files.isRegularFile(info, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(Files.getLastModifiedTime(info, LinkOption.NOFOLLOW_LINKS).toInstant());
    }

    /**
     * Makes glusterd.info carry {@code uuid} (its other lines, such as operating-version, kept)
     * and writes one peer file per peer. Only with glusterd stopped: it rewrites these files itself.
     */
    public void restore(String uuid, List<Peer> peers) throws IOException {
        requireUuid(uuid);
        Path peersDir = workdir.resolve("peers");
        Files.createDirectories(peersDir);
        for (Peer peer : peers) {
            requireUuid(peer.uuid());
            writer.write(peersDir.resolve(peer.uuid()), "uuid=" + peer.uuid() + "\nstate=" + BEFRIENDED
                    + "\nhostname1=" + peer.hostname() + "\n");
        }
        // Last: a glusterd that starts with the old UUID but without its peers would be an empty pool
        // under a name the others know.
        List<String> lines = new ArrayList<>();
        lines.add("UUID=" + uuid);
        for (String line : AtomicFileWriter.read(workdir.resolve(INFO)).split("\n")) {
            if (!line.isBlank() && !line.startsWith("UUID=")) {
                lines.add(line);
            }
        }
        writer.write(workdir.resolve(INFO), String.join("\n", lines) + "\n");
    }

    private static void requireUuid(String uuid) {
        if (!UUID.matcher(uuid).matches()) {
            throw new IllegalArgumentException("'" + uuid + "' is not a glusterd UUID");
        }
    }

    /** Entries other than our own backups; a missing directory has none. */
    private static List<String> names(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.endsWith(AtomicFileWriter.BACKUP_SUFFIX)) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }
}
