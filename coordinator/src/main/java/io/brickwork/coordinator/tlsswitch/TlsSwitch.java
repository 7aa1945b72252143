package io.brickwork.coordinator.tlsswitch;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * Switching a running cluster's gluster to TLS, which gluster can do only with the volumes down
 * (it has no mixed mode).
 *
 * @param nodes the nodes whose glusterd switches to management TLS (and is restarted)
 * @param stopped the volumes stopped for the switch and started again after it: every volume of
 *     the cluster when glusterd switches (its bricks and clients talk to glusterd), else only
 *     the switched ones
 * @param volumes the volumes whose I/O path switches to TLS
 */
public record TlsSwitch(List<String> nodes, List<String> stopped, List<String> volumes) {
    /** A glusterd restart and the reconnection of its peers, seen at 3 to 8 s on the lab. */
    static final Duration PER_NODE = Duration.ofSeconds(8);
    /** A volume stop, its start and every node's remount. */
    static final Duration PER_VOLUME = Duration.ofSeconds(10);

    public TlsSwitch {
        nodes = List.copyOf(requireNonNull(nodes, "nodes is null"));
        stopped = List.copyOf(requireNonNull(stopped, "stopped is null"));
        volumes = List.copyOf(requireNonNull(volumes, "volumes is null"));
    }

    /** A rough figure for people deciding when to run it: glusterd restarts one node after another. */
    public Duration expectedDowntime() {
        return PER_NODE.multipliedBy(nodes.size()).plus(PER_VOLUME.multipliedBy(stopped.size()));
    }

    /** What the plan shows and a refused apply says. */
    public String explanation() {
        StringBuilder text = new StringBuilder("switching this running cluster to TLS needs an outage of ")
                .append(stopped.size() == 1 ? "volume " : "volumes ").append(String.join(", ", stopped))
                .append(" of about ").append(expectedDowntime().toSeconds()).append(" s (gluster has no mixed mode):")
                .append(" stop ").append(String.join(", ", stopped));
        if (!nodes.isEmpty()) {
            text.append(", turn management TLS on and restart glusterd on ").append(String.join(", ", nodes));
        }
        if (!volumes.isEmpty()) {
            text.append(", turn TLS on for the I/O path of ").append(String.join(", ", volumes));
        }
        text.append(", start ").append(String.join(", ", stopped)).append(", remount them on every node and check")
                .append(" that every brick is online; if a node does not come back, all of it is undone."
                        + " Applications using these volumes get I/O errors meanwhile; apply with --allow-downtime");
        return text.toString();
    }
}
