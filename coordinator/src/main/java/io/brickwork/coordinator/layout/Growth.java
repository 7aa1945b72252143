package io.brickwork.coordinator.layout;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A volume that gains bricks: whole replica sets after its bricks {@code existing}, as gluster
 * lists them, with replica count and arbiter unchanged; or, with {@code raiseReplica}, one brick
 * at the end of every set, which raises the replica count to {@code replica}.
 *
 * @param existing and {@code added}: "host:path", in volume order (with raiseReplica: one per set, in set order)
 * @param replica the replica count after the growth
 */
public record Growth(String volume, List<String> existing, List<String> added, int replica, int arbiterCount,
        boolean force, boolean raiseReplica) {
    public Growth {
        requireNonNull(volume, "volume is null");
        existing = List.copyOf(existing);
        added = List.copyOf(added);
        boolean wholeSets = !raiseReplica && replica >= 1 && existing.size() % replica == 0 && !added.isEmpty()
                && added.size() % replica == 0;
        boolean oneCopyPerSet = raiseReplica && replica >= 2 && arbiterCount == 0 && !added.isEmpty()
                && existing.size() == added.size() * (replica - 1);
        if (!wholeSets && !oneCopyPerSet) {
            throw new IllegalArgumentException("volume " + volume + ": " + existing.size() + " + " + added.size()
                    + " bricks are not whole sets of " + replica + (raiseReplica ? " with one new brick per set" : ""));
        }
    }

    /** Whole replica sets. */
    public Growth(String volume, List<String> existing, List<String> added, int replica, int arbiterCount,
            boolean force) {
        this(volume, existing, added, replica, arbiterCount, force, false);
    }

    public int replicaBefore() {
        return raiseReplica ? replica - 1 : replica;
    }

    /** The volume's bricks after the growth, in gluster's order. */
    public List<String> after() {
        List<String> after = new ArrayList<>();
        if (!raiseReplica) {
            after.addAll(existing);
            after.addAll(added);
            return List.copyOf(after);
        }
        int before = replicaBefore();
        for (int set = 0; set < added.size(); set++) {
            after.addAll(existing.subList(set * before, (set + 1) * before));
            after.add(added.get(set));
        }
        return List.copyOf(after);
    }

    /** gluster's "1 x 3" for the layout before, and after. */
    public String shapeBefore() {
        return existing.size() / replicaBefore() + " x " + replicaBefore();
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
        return (raiseReplica ? "raise the replica count of " + volume : "grow " + volume) + " from " + shapeBefore()
                + " to " + shapeAfter();
    }
}
