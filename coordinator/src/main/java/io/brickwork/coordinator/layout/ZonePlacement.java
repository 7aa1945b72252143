package io.brickwork.coordinator.layout;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders a volume's nodes so that gluster, which groups consecutive bricks into replica sets,
 * puts every copy of a set (the arbiter included) in a different zone. Pure.
 *
 * <p>Leading sets that already span distinct zones are kept as they are, as long as the nodes
 * after them can still be placed: the stored spec, parsed again, keeps the layout it was applied
 * with, a volume grown by appending nodes keeps its existing sets, and an operator who wrote the
 * sets out by hand gets exactly those. The rest is ordered set by set, each taking one node from
 * each of the {@code replica} zones that have the most nodes left (ties to the zone named first):
 * that spreads every zone over as many sets as it can, so it finds an order whenever one exists,
 * and when none does (sharing allowed) it shares as few zones as it can.
 */
public final class ZonePlacement {
    private ZonePlacement() {}

    /**
     * @param nodes the volume's nodes in spec order, a whole number of sets of {@code replica}
     * @param zoneOf every node's zone
     */
    public static List<String> order(List<String> nodes, int replica, Map<String, String> zoneOf) {
        requireNonNull(nodes, "nodes is null");
        requireNonNull(zoneOf, "zoneOf is null");
        if (replica < 1 || nodes.size() % replica != 0) {
            throw new IllegalArgumentException(nodes.size() + " nodes do not make whole sets of " + replica);
        }
        // The longest run of leading sets that already span distinct zones stays, when the rest
        // can still be placed: a grown volume keeps its existing sets where the spec has them.
        int sets = nodes.size() / replica;
        int kept = 0;
        while (kept < sets && ZonePlacement.sharedSets(nodes.subList(kept * replica, (kept + 1) * replica), replica,
                zoneOf).isEmpty()) {
            kept++;
        }
        for (; kept >= 0; kept--) {
            List<String> rest = nodes.subList(kept * replica, nodes.size());
            if (rest.isEmpty() || impossibility(rest, replica, zoneOf) == null) {
                break;
            }
        }
        kept = Math.max(kept, 0);
        List<String> ordered = new ArrayList<>(nodes.subList(0, kept * replica));
        ordered.addAll(spread(nodes.subList(kept * replica, nodes.size()), replica, zoneOf));
        return List.copyOf(ordered);
    }

    /** Each set takes one node from each of the fullest zones, so every zone spreads over as many sets as it can. */
    private static List<String> spread(List<String> nodes, int replica, Map<String, String> zoneOf) {
        Map<String, Deque<String>> byZone = new LinkedHashMap<>();
        for (String node : nodes) {
            byZone.computeIfAbsent(zone(zoneOf, node), zone -> new ArrayDeque<>()).add(node);
        }
        List<String> zonesInOrder = List.copyOf(byZone.keySet());
        List<String> ordered = new ArrayList<>();
        for (int set = 0; set < nodes.size() / replica; set++) {
            List<String> members = new ArrayList<>();
            while (members.size() < replica) {
                // Fullest zone first; a zone already in this set only once every other is empty.
                String zone = zonesInOrder.stream()
                        .filter(candidate -> !byZone.get(candidate).isEmpty())
                        .min(Comparator.comparing((String candidate) -> members.stream()
                                        .anyMatch(member -> zone(zoneOf, member).equals(candidate)))
                                .thenComparing(candidate -> -byZone.get(candidate).size())
                                .thenComparing(zonesInOrder::indexOf))
                        .orElseThrow();
                members.add(byZone.get(zone).removeFirst());
            }
            // Within a set, spec order: the last one stays the arbiter where the spec put it last.
            members.sort(Comparator.comparing(nodes::indexOf));
            ordered.addAll(members);
        }
        return List.copyOf(ordered);
    }

    /** The sets (by index) of {@code ordered} in which some zone holds more than one copy. */
    public static List<Integer> sharedSets(List<String> ordered, int replica, Map<String, String> zoneOf) {
        List<Integer> shared = new ArrayList<>();
        for (int set = 0; set * replica < ordered.size(); set++) {
            List<String> members = ordered.subList(set * replica, Math.min(ordered.size(), (set + 1) * replica));
            if (distinctZones(members, zoneOf) < members.size()) {
                shared.add(set);
            }
        }
        return List.copyOf(shared);
    }

    /** How many zones hold one of {@code nodes}. */
    public static int distinctZones(List<String> nodes, Map<String, String> zoneOf) {
        Set<String> zones = new HashSet<>();
        nodes.forEach(node -> zones.add(zone(zoneOf, node)));
        return zones.size();
    }

    /**
     * Why no order can put each set's copies in distinct zones, or null when one can: fewer
     * zones than copies, or a zone with more nodes than there are sets.
     */
    public static String impossibility(List<String> nodes, int replica, Map<String, String> zoneOf) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        nodes.forEach(node -> counts.merge(zone(zoneOf, node), 1, Integer::sum));
        int sets = nodes.size() / replica;
        if (counts.size() < replica) {
            return "its " + nodes.size() + " nodes are in " + counts.size() + " zone" + (counts.size() == 1 ? "" : "s")
                    + " (" + String.join(", ", counts.keySet()) + "), fewer than the " + replica + " copies of a replica set";
        }
        for (Map.Entry<String, Integer> zone : counts.entrySet()) {
            if (zone.getValue() > sets) {
                return "zone " + zone.getKey() + " has " + zone.getValue() + " of its nodes but there "
                        + (sets == 1 ? "is 1 replica set" : "are " + sets + " replica sets")
                        + ", so two copies of one set would share it";
            }
        }
        return null;
    }

    private static String zone(Map<String, String> zoneOf, String node) {
        String zone = zoneOf.get(node);
        if (zone == null) {
            throw new IllegalArgumentException("node " + node + " has no zone");
        }
        return zone;
    }
}
