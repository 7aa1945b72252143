package io.brickwork.coordinator.layout;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.proto.agent.v1.VolumeState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which volumes the spec grows: where gluster's bricks are exactly the first bricks of the spec's
 * layout, with the same replica count and arbiter, and the spec adds whole replica sets after
 * them; or where every spec set is gluster's set followed by one new brick, with the replica
 * count one higher (no arbiter). Any other difference is not a growth (a replacement, or a
 * layout the volume step refuses). Pure.
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
            if (volume.replica() == state.getReplica() + 1) {
                raiseReplica(volume, state).ifPresent(growths::add);
                continue;
            }
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

    /** Set by set, the spec's set must be the existing one followed by one new brick. */
    private static Optional<Growth> raiseReplica(VolumeSpec volume, VolumeState state) {
        int before = state.getReplica();
        int after = volume.replica();
        List<String> existing = state.getBricksList();
        List<String> wanted = volume.allBricks();
        if (before < 1 || volume.arbiter() || state.getArbiterCount() != 0 || existing.size() % before != 0
                || wanted.size() != existing.size() / before * after) {
            return Optional.empty();
        }
        List<String> added = new ArrayList<>();
        for (int set = 0; set < existing.size() / before; set++) {
            List<String> had = existing.subList(set * before, (set + 1) * before);
            List<String> gets = wanted.subList(set * after, (set + 1) * after);
            if (!gets.subList(0, before).equals(had) || existing.contains(gets.get(before))) {
                return Optional.empty();
            }
            added.add(gets.get(before));
        }
        return Optional.of(new Growth(volume.name(), existing, added, after, 0, volume.force(), true));
    }
}
