package io.brickwork.coordinator.layout;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.proto.agent.v1.VolumeState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which volumes the spec shrinks: where the spec's layout is some of gluster's replica sets,
 * whole and in their order, with the same replica count and arbiter. Any other difference is not
 * a shrink. Pure.
 */
public final class ShrinkFinder {
    private ShrinkFinder() {}

    /** @param layouts each volume's layout read fresh, by name; a volume missing here is not looked at */
    public static List<Shrink> find(ClusterSpec spec, Map<String, VolumeState> layouts) {
        List<Shrink> shrinks = new ArrayList<>();
        for (VolumeSpec volume : spec.volumes()) {
            VolumeState state = layouts.get(volume.name());
            if (state == null || !state.getExists() || volume.arbiterBrick().isPresent()) {
                continue;
            }
            int replica = volume.replica();
            List<String> existing = state.getBricksList();
            List<String> wanted = volume.allBricks();
            if (state.getReplica() != replica || state.getArbiterCount() != (volume.arbiter() ? 1 : 0)
                    || wanted.size() >= existing.size() || existing.size() % replica != 0) {
                continue;
            }
            List<String> kept = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            for (int start = 0; start < existing.size(); start += replica) {
                List<String> set = existing.subList(start, start + replica);
                int at = kept.size();
                if (at + replica <= wanted.size() && wanted.subList(at, at + replica).equals(set)) {
                    kept.addAll(set);
                } else {
                    removed.addAll(set);
                }
            }
            if (kept.equals(wanted) && !removed.isEmpty()) {
                shrinks.add(new Shrink(volume.name(), existing, removed, replica));
            }
        }
        return List.copyOf(shrinks);
    }
}
