package io.brickwork.coordinator.replace;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One brick of a volume taken over by a new node, at the same position in the layout; or, when
 * the old and new brick are the same, a reset: the brick taken back on an empty directory (a new
 * disk, or a node rebuilt under its own name).
 *
 * @param replicaSet the set's bricks as gluster lists them before the replacement
 */
public record Replacement(String volume, String oldBrick, String newBrick, List<String> replicaSet) {
    public Replacement {
        requireNonNull(volume, "volume is null");
        requireNonNull(oldBrick, "oldBrick is null");
        requireNonNull(newBrick, "newBrick is null");
        replicaSet = List.copyOf(replicaSet);
        if (!replicaSet.contains(oldBrick)) {
            throw new IllegalArgumentException(oldBrick + " is not in its replica set " + replicaSet);
        }
    }

    public static Replacement reset(String volume, String brick, List<String> replicaSet) {
        return new Replacement(volume, brick, brick, replicaSet);
    }

    /** The same brick taken back empty, rather than another node's brick in its place. */
    public boolean isReset() {
        return oldBrick.equals(newBrick);
    }

    public String oldHost() {
        return host(oldBrick);
    }

    public String newHost() {
        return host(newBrick);
    }

    /** The set as it is once the new brick has taken the old one's place. */
    public List<String> replicaSetAfter() {
        return replicaSet.stream().map(brick -> brick.equals(oldBrick) ? newBrick : brick).toList();
    }

    public String describe() {
        return isReset() ? oldBrick + " reset onto an empty directory in " + volume
                : oldBrick + " -> " + newBrick + " in " + volume;
    }

    static String host(String brick) {
        return brick.substring(0, brick.indexOf(':'));
    }

    static String path(String brick) {
        return brick.substring(brick.indexOf(':') + 1);
    }
}
