package io.brickwork.coordinator.spec;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The desired state of one gluster cluster: which agent nodes form the trusted pool, which one
 * runs the pool-wide commands, and the volumes on it. Built by {@link SpecParser}, which has
 * checked every rule; this record only guards against nulls.
 *
 * @param manager the node that runs {@code gluster peer probe} and {@code volume create};
 *     the first node when the document names none
 * @param hosts explicit addresses by node name, in node order; a node missing here is reached
 *     at the address its agent reports
 * @param zones each node's zone (rack, room, host group), in node order; empty when the spec
 *     names none. With zones, every volume's {@code nodes} are in an order whose replica sets
 *     span distinct zones ({@link io.brickwork.coordinator.layout.ZonePlacement})
 * @param allowSharedZones the spec accepts replica sets with two copies in one zone when the
 *     nodes leave no other way
 * @param tls gluster's own traffic is TLS with certificates from the cluster CA: management
 *     (glusterd, peers, volfile fetches) on every node, and the I/O path of every volume whose
 *     {@link VolumeSpec#tls()} is true
 */
public record ClusterSpec(String name, String manager, List<String> nodes, Map<String, String> hosts, List<VolumeSpec> volumes,
        Map<String, String> zones, boolean allowSharedZones, boolean tls) {
    public ClusterSpec {
        requireNonNull(name, "name is null");
        requireNonNull(manager, "manager is null");
        nodes = List.copyOf(nodes);
        hosts.forEach((node, address) -> {
            requireNonNull(node, "hosts key is null");
            requireNonNull(address, "hosts value is null");
        });
        // Map.copyOf would lose the order that the rendered spec and the hosts file keep.
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        volumes = List.copyOf(volumes);
        zones.forEach((node, zone) -> {
            requireNonNull(node, "zones key is null");
            requireNonNull(zone, "zones value is null");
        });
        zones = Collections.unmodifiableMap(new LinkedHashMap<>(zones));
    }

    /** A cluster without gluster TLS. */
    public ClusterSpec(String name, String manager, List<String> nodes, Map<String, String> hosts, List<VolumeSpec> volumes,
            Map<String, String> zones, boolean allowSharedZones) {
        this(name, manager, nodes, hosts, volumes, zones, allowSharedZones, false);
    }

    /** A cluster without zones. */
    public ClusterSpec(String name, String manager, List<String> nodes, Map<String, String> hosts, List<VolumeSpec> volumes) {
        this(name, manager, nodes, hosts, volumes, Map.of(), false);
    }

    /** The zone of {@code node}, or its own name when the spec names no zones: every node is then apart. */
    public String zoneOf(String node) {
        return zones.getOrDefault(node, node);
    }
}
