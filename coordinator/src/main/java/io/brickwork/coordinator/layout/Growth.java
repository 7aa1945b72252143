package io.brickwork.coordinator.layout;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A volume that gains whole replica sets: its bricks {@code existing}, as gluster lists them, are
 * followed by {@code added}. Replica count and arbiter stay.
 *
 * @param existing and {@code added}: "host:path", in volume order
 */
public record Growth(String volume, List<String> existing, List<String> added, int replica, int arbiterCount,
        boolean force) {
    public Growth {
        requireNonNull(volume, "volume is null");
        existing = List.copyOf(existing);
        added = List.copyOf(added);
        if (replica < 1 || existing.size() % replica != 0 || added.isEmpty() || added.size() % replica != 0) {
            throw new IllegalArgumentException("volume " + volume + ": " + existing.size() + " + " + added.size()
                    + " bricks are not whole sets of " + replica);
        }
    }

    public List<String> after() {
        List<String> after = new ArrayList<>(existing);
        after.addAll(added);
        return List.copyOf(after);
    }

    /** gluster's "1 x 3" for the layout before, and after. */
    public String shapeBefore() {
        return existing.size() / replica + " x " + replica;
    }

    public String shapeAfter() {
        return after().size() / replica + " x " + replica;
    }

    /** The nodes that hold none of the volume's bricks before: they are prepared and probed first. */
    public List<String> newHosts() {
        List<String> before = existing.stream().map(ReplicaSets::host).toList();
        return added.stream().map(ReplicaSets::host).filter(host -> !before.contains(host)).distinct().toList();
    }

    public String describe() {
        return "grow " + volume + " from " + shapeBefore() + " to " + shapeAfter();
    }
}
