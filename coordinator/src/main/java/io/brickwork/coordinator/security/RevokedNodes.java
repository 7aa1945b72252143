package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.coordinator.state.v1.RevocationFile;
import io.brickwork.proto.coordinator.state.v1.RevokedNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nodes refused for good: their certificates stop working at once and they cannot join again
 * under that name. Kept in memory for the per-call check, on disk for restarts.
 */
public final class RevokedNodes {
    private final Path file;
    private final Clock clock;
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    public RevokedNodes(Path file, Clock clock) {
        this.file = requireNonNull(file, "file is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Reads the revocations made before a restart; the coordinator does so before it serves anyone. */
    public void load() {
        for (RevokedNode node : ProtoFiles.read(file, RevocationFile.parser(), RevocationFile.getDefaultInstance())
                .getNodesList()) {
            names.add(key(node.getName()));
        }
    }

    public boolean isRevoked(String node) {
        return names.contains(key(node));
    }

    public synchronized void revoke(String node, String by) {
        if (!names.add(key(node))) {
            return;
        }
        RevocationFile current = ProtoFiles.read(file, RevocationFile.parser(), RevocationFile.getDefaultInstance());
        ProtoFiles.write(file, current.toBuilder()
                .addNodes(RevokedNode.newBuilder().setName(node).setRevokedUnixMs(clock.millis()).setRevokedBy(by))
                .build());
    }

    /** Host names are case-insensitive: NODE1 must not slip past a revoked node1. */
    private static String key(String node) {
        return node.toLowerCase(Locale.ROOT);
    }
}
