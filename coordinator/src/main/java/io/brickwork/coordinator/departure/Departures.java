package io.brickwork.coordinator.departure;

import io.brickwork.coordinator.layout.Shrink;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.proto.agent.v1.VolumeState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which nodes leave the cluster: those of the spec applied last that the new spec's
 * {@code cluster.nodes} no longer lists. A node may leave only holding no brick once the apply's
 * shrinks have taken theirs. Pure.
 */
public final class Departures {
    private Departures() {}

    public static List<String> find(Optional<ClusterSpec> applied, ClusterSpec spec) {
        return applied.map(before -> before.nodes().stream().filter(node -> !spec.nodes().contains(node)).toList())
                .orElse(List.of());
    }

    /**
     * Why these nodes cannot leave yet, if they cannot: a brick still theirs in a volume's layout
     * (read fresh) that no shrink of this apply removes.
     */
    public static Optional<String> refusal(List<String> departing, Map<String, VolumeState> layouts,
            List<Shrink> shrinks) {
        List<String> held = new ArrayList<>();
        layouts.forEach((volume, state) -> {
            List<String> removed = shrinks.stream().filter(shrink -> shrink.volume().equals(volume))
                    .flatMap(shrink -> shrink.removed().stream()).toList();
            for (String brick : state.getBricksList()) {
                String host = brick.substring(0, brick.indexOf(':'));
                if (departing.contains(host) && !removed.contains(brick)) {
                    held.add(brick + " of " + volume);
                }
            }
        });
        if (held.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(", ", departing) + " leave cluster.nodes but still hold " + String.join(", ", held)
                + "; take them out of the volume's nodes first (a shrink), or give them to another node");
    }
}
