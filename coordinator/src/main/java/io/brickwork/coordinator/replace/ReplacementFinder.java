package io.brickwork.coordinator.replace;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.proto.agent.v1.VolumeState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds, from the spec and each volume's real layout, the bricks a new node takes over: same
 * position, same path, on a node the spec added in place of one it dropped. Anything else that
 * differs is not a replacement and is left to the volume step, which refuses a different layout.
 * Pure.
 */
public final class ReplacementFinder {
    private ReplacementFinder() {}

    /**
     * @param layouts each existing volume's state as gluster reports it, by name
     * @throws ReplacementRefusedException when two bricks of one replica set would be replaced at once
     */
    public static List<Replacement> find(ClusterSpec spec, Map<String, VolumeState> layouts)
            throws ReplacementRefusedException {
        List<Replacement> found = new ArrayList<>();
        for (VolumeSpec volume : spec.volumes()) {
            VolumeState state = layouts.get(volume.name());
            if (state == null || !state.getExists()) {
                continue;
            }
            found.addAll(inVolume(spec, volume, state));
        }
        return found;
    }

    private static List<Replacement> inVolume(ClusterSpec spec, VolumeSpec volume, VolumeState state)
            throws ReplacementRefusedException {
        List<String> wanted = volume.allBricks();
        List<String> have = state.getBricksList();
        int replica = (int) state.getReplica();
        if (wanted.size() != have.size() || replica < 1 || have.size() % replica != 0) {
            return List.of();
        }
        List<String> hostsNow = have.stream().map(Replacement::host).toList();
        List<Replacement> replacements = new ArrayList<>();
        Map<Integer, List<Replacement>> bySet = new HashMap<>();
        for (int i = 0; i < have.size(); i++) {
            String old = have.get(i);
            String replacing = wanted.get(i);
            if (old.equals(replacing)) {
                continue;
            }
            boolean takesOver = Replacement.path(old).equals(Replacement.path(replacing))
                    && !spec.nodes().contains(Replacement.host(old))
                    && !hostsNow.contains(Replacement.host(replacing));
            if (!takesOver) {
                return List.of();
            }
            int set = i / replica;
            Replacement replacement = new Replacement(volume.name(), old, replacing,
                    have.subList(set * replica, set * replica + replica));
            replacements.add(replacement);
            bySet.computeIfAbsent(set, key -> new ArrayList<>()).add(replacement);
        }
        for (List<Replacement> inOneSet : bySet.values()) {
            if (inOneSet.size() > 1) {
                throw new ReplacementRefusedException("volume " + volume.name() + ": "
                        + String.join(" and ", inOneSet.stream().map(Replacement::oldBrick).toList())
                        + " are in one replica set (" + String.join(" ", inOneSet.get(0).replicaSet())
                        + "); Brickwork replaces one brick of a set at a time, so that the set always keeps two"
                        + " good copies to heal from: replace one node in the spec, apply, and replace the next"
                        + " once the first has healed");
            }
        }
        return replacements;
    }
}
