package io.brickwork.coordinator.layout;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A volume that loses bricks: of its bricks {@code existing}, as gluster lists them,
 * {@code removed} leave. Either whole replica sets, whose files migrate to the others first
 * ({@code replicaAfter} equals {@code replica}), or one brick of every set, which lowers the
 * replica count by one ({@code replicaAfter} is {@code replica - 1}) and moves nothing: the
 * other copies of each set stay.
 */
public record Shrink(String volume, List<String> existing, List<String> removed, int replica, int replicaAfter) {
    public Shrink {
        requireNonNull(volume, "volume is null");
        existing = List.copyOf(existing);
        removed = List.copyOf(removed);
        int sets = replica < 1 ? 0 : existing.size() / replica;
        boolean wholeSets = replicaAfter == replica && !removed.isEmpty() && removed.size() % replica == 0
                && removed.size() < existing.size();
        boolean oneCopyPerSet = replicaAfter == replica - 1 && replicaAfter >= 1 && removed.size() == sets;
        if (replica < 1 || existing.size() % replica != 0 || !existing.containsAll(removed)
                || !(wholeSets || oneCopyPerSet)) {
            throw new IllegalArgumentException("volume " + volume + ": cannot remove " + removed + " from " + existing
                    + " (replica " + replica + " to " + replicaAfter + ")");
        }
    }

    /** Whole replica sets that leave. */
    public Shrink(String volume, List<String> existing, List<String> removed, int replica) {
        this(volume, existing, removed, replica, replica);
    }

    /** One copy of every set leaves: the replica count drops by one. */
    public boolean lowersReplica() {
        return replicaAfter < replica;
    }

    public List<String> after() {
        return existing.stream().filter(brick -> !removed.contains(brick)).toList();
    }

    public String describe() {
        return (lowersReplica() ? "lower the replica count of " + volume : "shrink " + volume) + " from "
                + existing.size() / replica + " x " + replica + " to " + after().size() / replicaAfter + " x "
                + replicaAfter;
    }
}
