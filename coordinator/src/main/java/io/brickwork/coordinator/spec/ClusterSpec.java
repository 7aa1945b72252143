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
 */
public record ClusterSpec(String name, String manager, List<String> nodes, Map<String, String> hosts, List<VolumeSpec> volumes) {
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
    }
}
