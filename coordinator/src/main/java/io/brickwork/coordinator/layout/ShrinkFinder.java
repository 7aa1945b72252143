package io.brickwork.coordinator.layout;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.proto.agent.v1.VolumeState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which volumes the spec shrinks: where the spec's layout is some of gluster's replica sets,
 * whole and in their order, with the same replica count and arbiter; or every one of them less
 * one brick, in their order, with the replica count one lower (no arbiter). Any other difference
 * is not a shrink. Pure.
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
            if (replica == state.getReplica() - 1) {
                lowerReplica(volume, state).ifPresent(shrinks::add);
                continue;
            }
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

    /** Set by set, the spec's set must be the existing one without exactly one of its bricks. */
    private static Optional<Shrink> lowerReplica(VolumeSpec volume, VolumeState state) {
        int before = state.getReplica();
        int after = volume.replica();
        List<String> existing = state.getBricksList();
        List<String> wanted = volume.allBricks();
        if (after < 1 || volume.arbiter() || state.getArbiterCount() != 0 || existing.size() % before != 0
                || wanted.size() != existing.size() / before * after) {
            return Optional.empty();
        }
        List<String> removed = new ArrayList<>();
        for (int set = 0; set < existing.size() / before; set++) {
            List<String> had = existing.subList(set * before, (set + 1) * before);
            List<String> keeps = wanted.subList(set * after, (set + 1) * after);
            List<String> missing = had.stream().filter(brick -> !keeps.contains(brick)).toList();
            if (missing.size() != 1 || !had.stream().filter(keeps::contains).toList().equals(keeps)) {
                return Optional.empty();
            }
            removed.add(missing.get(0));
        }
        return Optional.of(new Shrink(volume.name(), existing, removed, before, after));
    }
}
