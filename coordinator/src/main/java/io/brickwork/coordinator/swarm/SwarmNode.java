package io.brickwork.coordinator.swarm;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node of the Swarm as the manager's Engine API lists it ({@code docker node ls} /
 * {@code docker node inspect}).
 *
 * @param version the object version the Engine API wants back with an update, so that a
 *     concurrent change is refused instead of overwritten
 * @param address the address the node advertises to the Swarm
 * @param labels the node's spec labels ({@code docker node update --label-add})
 */
public record SwarmNode(String id, long version, String hostname, String address, boolean manager, boolean leader,
        boolean ready, Map<String, String> labels) {
    public SwarmNode {
        requireNonNull(id, "id is null");
        requireNonNull(hostname, "hostname is null");
        requireNonNull(address, "address is null");
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** Whether this Swarm node has the name: the same host name ignoring case, or its first label (node1 for node1.example.org). */
    public boolean hasName(String name) {
        String host = hostname.toLowerCase(Locale.ROOT);
        String wanted = name.toLowerCase(Locale.ROOT);
        return host.equals(wanted) || host.split("\\.", 2)[0].equals(wanted);
    }

    /** Whether the Swarm advertises this node at one of the addresses. */
    public boolean hasAddress(Iterable<String> addresses) {
        for (String reported : addresses) {
            if (!address.isEmpty() && reported.equals(address)) {
                return true;
            }
        }
        return false;
    }
}
