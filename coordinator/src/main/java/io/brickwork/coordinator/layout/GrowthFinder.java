package io.brickwork.coordinator.layout;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.proto.agent.v1.VolumeState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which volumes the spec grows: where gluster's bricks are exactly the first bricks of the spec's
 * layout, with the same replica count and arbiter, and the spec adds whole replica sets after
 * them. Any other difference is not a growth (a replacement, or a layout the volume step
 * refuses). Pure.
 */
public final class GrowthFinder {
    private GrowthFinder() {}

    /** @param layouts each volume's layout read fresh, by name; a volume missing here is not looked at */
    public static List<Growth> find(ClusterSpec spec, Map<String, VolumeState> layouts) {
        List<Growth> growths = new ArrayList<>();
        for (VolumeSpec volume : spec.volumes()) {
            VolumeState state = layouts.get(volume.name());
            if (state == null || !state.getExists() || volume.arbiterBrick().isPresent()) {
                continue;
            }
            List<String> existing = state.getBricksList();
            List<String> wanted = volume.allBricks();
            int arbiterCount = volume.arbiter() ? 1 : 0;
            if (wanted.size() <= existing.size() || !wanted.subList(0, existing.size()).equals(existing)
                    || state.getReplica() != volume.replica() || state.getArbiterCount() != arbiterCount
                    || (wanted.size() - existing.size()) % volume.replica() != 0) {
                continue;
            }
            growths.add(new Growth(volume.name(), existing, wanted.subList(existing.size(), wanted.size()),
                    volume.replica(), arbiterCount, volume.force()));
        }
        return List.copyOf(growths);
    }
}
