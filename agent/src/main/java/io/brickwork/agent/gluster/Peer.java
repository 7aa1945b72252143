package io.brickwork.agent.gluster;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A peer of the pool, as glusterd lists it ({@code peer status}, {@code pool list}, {@code get-state}).
 *
 * @param hostnames every name glusterd knows the peer by, the primary {@code hostname} first
 * @param state e.g. "Peer in Cluster", "Accepted peer request"; empty for {@code pool list}'s localhost
 */
public record Peer(String uuid, String hostname, List<String> hostnames, boolean connected, String state) {
    /** The state of a peer that has fully joined. */
    public static final String IN_CLUSTER = "Peer in Cluster";

    public Peer {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(hostname, "hostname is null");
        hostnames = List.copyOf(hostnames);
        requireNonNull(state, "state is null");
    }

    /** Whether {@code host} is one of this peer's names (a peer probed by address may know its name too). */
    public boolean knownAs(String host) {
        return hostname.equalsIgnoreCase(host) || hostnames.stream().anyMatch(host::equalsIgnoreCase);
    }

    public boolean ready() {
        return connected && state.equals(IN_CLUSTER);
    }

    /** "Peer in Cluster, disconnected" */
    public String describe() {
        return state + ", " + (connected ? "connected" : "disconnected");
    }
}
