package io.brickwork.coordinator.layout;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A volume that loses whole replica sets: of its bricks {@code existing}, as gluster lists them,
 * {@code removed} leave once their files have migrated to the others. Replica count stays.
 */
public record Shrink(String volume, List<String> existing, List<String> removed, int replica) {
    public Shrink {
        requireNonNull(volume, "volume is null");
        existing = List.copyOf(existing);
        removed = List.copyOf(removed);
        if (replica < 1 || existing.size() % replica != 0 || removed.isEmpty() || removed.size() % replica != 0
                || removed.size() >= existing.size() || !existing.containsAll(removed)) {
            throw new IllegalArgumentException("volume " + volume + ": cannot remove " + removed + " from " + existing
                    + " in whole sets of " + replica);
        }
    }

    public List<String> after() {
        return existing.stream().filter(brick -> !removed.contains(brick)).toList();
    }

    public String describe() {
        return "shrink " + volume + " from " + existing.size() / replica + " x " + replica + " to "
                + after().size() / replica + " x " + replica;
    }
}
