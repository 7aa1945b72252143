package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.VolumeInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout a volume is asked to have; the one thing that may not differ between what exists
 * and what is asked, because gluster cannot change it without moving data.
 *
 * @param bricks "host:path", in order
 */
public record VolumeLayout(String name, int replica, List<String> bricks, boolean force, int arbiterCount) {
    public VolumeLayout {
        requireNonNull(name, "name is null");
        bricks = List.copyOf(bricks);
    }

    /** Without arbiter bricks. */
    public VolumeLayout(String name, int replica, List<String> bricks, boolean force) {
        this(name, replica, bricks, force, 0);
    }

    /** gluster's typeStr for this layout. */
    public String type() {
        if (replica <= 1) {
            return "Distribute";
        }
        return bricks.size() == replica ? "Replicate" : "Distributed-Replicate";
    }

    /** Each way {@code existing} differs, in words; empty when it is this layout. */
    public List<String> differences(VolumeInfo existing) {
        List<String> differences = new ArrayList<>();
        if (!existing.type().equals(type())) {
            differences.add("type is " + existing.type() + ", want " + type());
        }
        if (existing.replicaCount() != replica) {
            differences.add("replica count is " + existing.replicaCount() + ", want " + replica);
        }
        if (existing.arbiterCount() != arbiterCount) {
            differences.add("arbiter count is " + existing.arbiterCount() + ", want " + arbiterCount);
        }
        if (!existing.bricks().equals(bricks)) {
            differences.add("bricks are " + String.join(" ", existing.bricks()) + ", want " + String.join(" ", bricks));
        }
        return differences;
    }

    /** "volume gfs (Replicate, replica 3) with bricks a:/b c:/d e:/f" */
    public String describe() {
        return "volume " + name + " (" + type() + (replica > 1 ? ", replica " + replica : "")
                + (arbiterCount > 0 ? " arbiter " + arbiterCount : "") + ") with bricks "
                + String.join(" ", bricks);
    }
}
