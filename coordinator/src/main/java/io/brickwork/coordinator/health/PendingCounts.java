package io.brickwork.coordinator.health;

import com.google.protobuf.InvalidProtocolBufferException;
import io.brickwork.common.security.SecureFiles;
import io.brickwork.proto.coordinator.state.v1.LastPendingCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * Per brick, the last count of entries pending heal that any node read, kept apart from the
 * reports (which drop a brick's count once it cannot be read) and, with a file, across
 * coordinator restarts: a brick that died is judged by what it last held, also after the
 * coordinator restarted. Written only when a count changes.
 */
public final class PendingCounts {
    private static final Logger log = Logger.getLogger(PendingCounts.class.getName());

    private final Optional<Path> file;
    private final Map<String, Long> counts = new HashMap<>();

    /** In memory only. */
    public PendingCounts() {
        this.file = Optional.empty();
    }

    /** Kept in {@code file} (mode 0600), read now. */
    public PendingCounts(Path file) {
        this.file = Optional.of(file);
        if (Files.exists(file)) {
            try {
                counts.putAll(LastPendingCounts.parseFrom(Files.readAllBytes(file)).getPendingMap());
            } catch (InvalidProtocolBufferException e) {
                // Only a safety rule's memory: start without it rather than refuse to start.
                log.warning(() -> file + " is corrupt (" + e.getMessage() + "); starting without the pending counts"
                        + " it held, so a replacement of a brick that died before now is refused until it is back");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    public synchronized OptionalLong get(String volume, String brick) {
        Long pending = counts.get(key(volume, brick));
        return pending == null ? OptionalLong.empty() : OptionalLong.of(pending);
    }

    public synchronized void record(String volume, String brick, long pending) {
        Long previous = counts.put(key(volume, brick), pending);
        if ((previous == null || previous != pending) && file.isPresent()) {
            try {
                SecureFiles.writePrivate(file.get(), LastPendingCounts.newBuilder().putAllPending(counts).build()
                        .toByteArray());
            } catch (UncheckedIOException e) {
                // Reports must go on; the count is still known until the coordinator stops.
                log.warning(() -> "cannot keep the pending counts in " + file.get() + ": " + e.getMessage());
            }
        }
    }

    private static String key(String volume, String brick) {
        return volume + " " + brick;
    }
}
