package io.brickwork.coordinator.swarm;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigUtil;
import io.brickwork.common.validation.Validation;
import io.brickwork.coordinator.spec.MountSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a first spec from the Swarm's nodes, for {@code brickwork init --from-swarm}: every node
 * by its host name, the leader as manager, the addresses the nodes advertise, and one volume
 * laid out so that it can grow: replica 3, or on exactly two nodes two data bricks and an
 * arbiter brick on the leader, and gluster's own traffic on TLS (the default for a new cluster;
 * a spec without {@code tls} keeps it off). The text explains its choices, since an operator
 * reviews it before the first apply.
 */
public final class SpecFromSwarm {
    static final int REPLICA = 3;
    public static final String BRICK = "/gluster/brick";
    public static final String ARBITER_BRICK = "/gluster/arbiter";
    /** The Swarm node label that names a node's zone (rack, room), when the operator has set it. */
    public static final String ZONE_LABEL = "brickwork.zone";

    private SpecFromSwarm() {}

    public static String render(List<SwarmNode> swarm, String clusterName, String volumeName) {
        requireNonNull(swarm, "swarm is null");
        requireNonNull(clusterName, "clusterName is null");
        requireNonNull(volumeName, "volumeName is null");
        if (swarm.isEmpty()) {
            throw new IllegalArgumentException("the Swarm has no nodes");
        }
        List<SwarmNode> ordered = new ArrayList<>(swarm);
        // The leader first: it runs the pool-wide commands, and its brick opens the first replica set.
        ordered.sort(Comparator.comparing((SwarmNode node) -> !node.leader())
                .thenComparing((SwarmNode node) -> !node.manager())
                .thenComparing(SwarmNode::hostname));
        List<String> names = ordered.stream().map(SwarmNode::hostname).toList();
        int count = names.size();
        boolean arbiter = count == 2;
        int replica = count >= REPLICA || arbiter ? REPLICA : count;
        int inVolume = count >= REPLICA ? count - count % REPLICA : count;

        StringBuilder out = new StringBuilder();
        out.append("# Written by `brickwork init --from-swarm` from the Swarm's nodes (docker node ls).\n");
        out.append("# Review it, then: brickwork plan -f FILE && brickwork apply -f FILE\n");
        out.append("cluster {\n");
        out.append("  name = ").append(quote(clusterName)).append('\n');
        out.append("  # The Swarm's leader: it runs gluster peer probe and volume create.\n");
        out.append("  manager = ").append(quote(names.get(0))).append('\n');
        out.append("  # Brickwork node names are the Swarm host names (each agent's --node-name).\n");
        out.append("  nodes = ").append(list(names)).append('\n');
        List<SwarmNode> withAddress = ordered.stream()
                .filter(node -> Validation.addressProblem(node.address()).isEmpty() && !node.address().equals("0.0.0.0"))
                .toList();
        if (!withAddress.isEmpty()) {
            out.append("  # The addresses the nodes advertise to the Swarm.\n");
            out.append("  hosts {\n");
            for (SwarmNode node : withAddress) {
                out.append("    ").append(quote(node.hostname())).append(" = ").append(quote(node.address())).append('\n');
            }
            out.append("  }\n");
        }
        zones(out, ordered);
        out.append("  # gluster's own traffic (peers, bricks, FUSE clients) on TLS with certificates from the\n");
        out.append("  # cluster CA, set up before the first peer probe. On a Swarm whose nodes already run gluster\n");
        out.append("  # volumes, switching needs an outage: brickwork apply --allow-downtime (docs/gluster-tls.md).\n");
        out.append("  tls = true\n");
        out.append("}\n");
        out.append("volumes = [{\n");
        out.append("  name = ").append(quote(volumeName)).append('\n');
        if (count >= REPLICA) {
            out.append("  # Three copies of every file. The manual procedure's replica = number of nodes writes every\n");
            out.append("  # file to every node: each node added makes every write slower and changes the volume's\n");
            out.append("  # layout. With replica 3 the volume grows by whole replica sets of three nodes, and any one\n");
            out.append("  # node of a set can be down without losing quorum.\n");
        } else if (arbiter) {
            out.append("  # Two nodes: two copies of every file, plus an arbiter brick on the leader that holds only\n");
            out.append("  # names and metadata (gluster's replica 3 arbiter 1). Its third vote prevents split-brain.\n");
            out.append("  # The volume stays writable when ").append(names.get(1))
                    .append(" (the node without the arbiter) fails; when ").append(names.get(0))
                    .append(" fails, its\n");
            out.append("  # data brick and the arbiter go together, quorum is lost and the volume turns read-only\n");
            out.append("  # until it is back. A third small node holding the arbiter is better (writable when either\n");
            out.append("  # node fails): add it to the Swarm and to cluster.nodes and set arbiter-brick.node to it,\n");
            out.append("  # before the first apply (afterwards the layout is fixed; moving a brick is gluster's\n");
            out.append("  # replace-brick).\n");
        } else {
            out.append("  # One node: a single copy, no redundancy. Add nodes and use replica = 3.\n");
        }
        out.append("  replica = ").append(replica).append('\n');
        if (inVolume < count) {
            out.append("  # Bricks fill whole replica sets of ").append(REPLICA).append("; ")
                    .append(String.join(", ", names.subList(inVolume, count)))
                    .append(" mount the volume but hold no brick until the next set is complete.\n");
            out.append("  nodes = ").append(list(names.subList(0, inVolume))).append('\n');
        }
        out.append("  # On the root file system, as in the manual procedure; a dedicated disk is better.\n");
        out.append("  brick = ").append(quote(BRICK)).append('\n');
        if (arbiter) {
            out.append("  arbiter = true\n");
            out.append("  arbiter-brick { node = ").append(quote(names.get(0))).append(", path = ")
                    .append(quote(ARBITER_BRICK)).append(" }\n");
            out.append("  # force also lets the leader hold two bricks of the one replica set: gluster refuses that\n");
            out.append("  # without it (\"Multiple bricks of a replicate volume are present on the same server\").\n");
        }
        out.append("  force = true\n");
        out.append("  mount { path = ").append(quote(MountSpec.DEFAULT_PATH)).append(", owner = ")
                .append(quote(MountSpec.DEFAULT_OWNER)).append(", group = ").append(quote(MountSpec.DEFAULT_GROUP))
                .append(" }\n");
        out.append("  # Directories for applications, created once on the volume; bind-mount them in stacks\n");
        out.append("  # (brickwork compose-snippet VOLUME DIR --target PATH), e.g.\n");
        out.append("  # directories = [{ path = \"couch_db\", owner = 5984, group = 5984, mode = \"0750\" }]\n");
        out.append("}]\n");
        return out.toString();
    }

    /**
     * Zones from the {@value #ZONE_LABEL} label: written when every node has a usable one, since
     * with zones every node needs one; otherwise a comment names the nodes without.
     */
    private static void zones(StringBuilder out, List<SwarmNode> ordered) {
        List<SwarmNode> labelled = ordered.stream()
                .filter(node -> node.labels().containsKey(ZONE_LABEL)
                        && Validation.nameProblem(node.labels().get(ZONE_LABEL)).isEmpty())
                .toList();
        if (labelled.isEmpty()) {
            return;
        }
        if (labelled.size() < ordered.size()) {
            out.append("  # Zones: only some nodes have a usable ").append(ZONE_LABEL).append(" label; without one for ")
                    .append(String.join(", ", ordered.stream().filter(node -> !labelled.contains(node))
                            .map(SwarmNode::hostname).toList()))
                    .append(" none are written.\n");
            return;
        }
        out.append("  # From the nodes' ").append(ZONE_LABEL).append(" labels: every replica set gets its copies in\n");
        out.append("  # distinct zones (the parser orders the volume's nodes so).\n");
        out.append("  zones {\n");
        for (SwarmNode node : labelled) {
            out.append("    ").append(quote(node.hostname())).append(" = ").append(quote(node.labels().get(ZONE_LABEL)))
                    .append('\n');
        }
        out.append("  }\n");
    }

    private static String list(List<String> values) {
        return "[" + String.join(", ", values.stream().map(SpecFromSwarm::quote).toList()) + "]";
    }

    private static String quote(String value) {
        return ConfigUtil.quoteString(value);
    }
}
