package io.brickwork.coordinator.layout;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.proto.coordinator.v1.ReplicaSetZones;
import java.util.ArrayList;
import java.util.List;

/** A volume's replica sets as gluster forms them from its bricks, and the zones of their copies. */
public final class ReplicaSets {
    private ReplicaSets() {}

    /**
     * Consecutive groups of {@code replica} bricks ({@code node:path}); an explicit arbiter brick
     * completes the one set of a two-node volume, so there every brick is one set.
     */
    public static List<List<String>> of(VolumeSpec volume) {
        requireNonNull(volume, "volume is null");
        List<String> bricks = volume.allBricks();
        int size = volume.arbiterBrick().isPresent() ? bricks.size() : volume.replica();
        List<List<String>> sets = new ArrayList<>();
        for (int start = 0; start < bricks.size(); start += size) {
            sets.add(List.copyOf(bricks.subList(start, Math.min(bricks.size(), start + size))));
        }
        return List.copyOf(sets);
    }

    /** Each set with the zone of each copy, for status and plan. */
    public static List<ReplicaSetZones> zones(ClusterSpec spec, VolumeSpec volume) {
        List<ReplicaSetZones> sets = new ArrayList<>();
        for (List<String> set : of(volume)) {
            List<String> zones = set.stream().map(brick -> spec.zoneOf(host(brick))).toList();
            sets.add(ReplicaSetZones.newBuilder()
                    .addAllBricks(set)
                    .addAllZones(zones)
                    .setDistinctZones((int) zones.stream().distinct().count())
                    .build());
        }
        return List.copyOf(sets);
    }

    /** The node of a {@code node:path} brick. */
    public static String host(String brick) {
        return brick.substring(0, brick.indexOf(':'));
    }
}
