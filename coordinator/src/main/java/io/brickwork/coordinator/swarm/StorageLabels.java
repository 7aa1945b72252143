package io.brickwork.coordinator.swarm;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.Health;
import io.brickwork.proto.common.v1.MountState;
import io.brickwork.proto.coordinator.v1.MountStatus;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import io.brickwork.proto.coordinator.v1.NodeState;
import io.brickwork.proto.coordinator.v1.VolumeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which Swarm node should carry {@code brickwork.storage.<volume>=ready}: exactly those whose
 * Brickwork node is connected and reporting, whose mount of the volume is present and responsive
 * (the agent's probe says OK), and whose volume is not FAILED. Pure: status, spec and the Swarm's
 * nodes in, the label changes out.
 */
public final class StorageLabels {
    public static final String PREFIX = "brickwork.storage.";
    public static final String READY = "ready";

    private StorageLabels() {}

    public static String key(String volume) {
        return PREFIX + volume;
    }

    /** One label to set ({@code value} present) or remove on one Swarm node. */
    public record Change(SwarmNode node, String key, Optional<String> value, String reason) {
        public Change {
            requireNonNull(node, "node is null");
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
            requireNonNull(reason, "reason is null");
        }

        @Override
        public String toString() {
            return (value.isPresent() ? "set " + key + "=" + value.get() : "remove " + key) + " on " + node.hostname()
                    + " (" + reason + ")";
        }
    }

    /** Whether one node's storage for one volume is ready, and why not. */
    public record Readiness(String node, String volume, boolean ready, String reason) {}

    public static List<Readiness> readiness(ClusterSpec spec, GetStatusResponse status) {
        List<Readiness> result = new ArrayList<>();
        for (VolumeSpec volume : spec.volumes()) {
            Optional<VolumeStatus> volumeStatus = status.getVolumesList().stream()
                    .filter(candidate -> candidate.getName().equals(volume.name())).findFirst();
            for (String node : spec.nodes()) {
                Optional<String> whyNot = whyNot(node, volume, volumeStatus, status);
                result.add(new Readiness(node, volume.name(), whyNot.isEmpty(),
                        whyNot.orElse("mounted, responsive, volume serving")));
            }
        }
        return result;
    }

    private static Optional<String> whyNot(String node, VolumeSpec volume, Optional<VolumeStatus> volumeStatus,
            GetStatusResponse status) {
        Optional<NodeInfo> info = status.getNodesList().stream().filter(candidate -> candidate.getName().equals(node))
                .findFirst();
        if (info.isEmpty() || info.get().getState() != NodeState.NODE_STATE_CONNECTED) {
            return Optional.of("node " + (info.isEmpty() ? "unknown" : info.get().getState().name()));
        }
        Optional<MountStatus> mount = status.getMountsList().stream()
                .filter(candidate -> candidate.getNode().equals(node) && candidate.getMountPoint().equals(volume.mount().path()))
                .findFirst();
        if (mount.isEmpty()) {
            return Optional.of("no report of " + volume.mount().path());
        }
        if (mount.get().getState() != MountState.MOUNT_STATE_OK) {
            return Optional.of(volume.mount().path() + " " + mount.get().getState().name());
        }
        if (volumeStatus.isEmpty()) {
            return Optional.of("volume " + volume.name() + " not reported");
        }
        if (volumeStatus.get().getHealth() == Health.HEALTH_FAILED) {
            return Optional.of("volume " + volume.name() + " FAILED");
        }
        return Optional.empty();
    }

    /**
     * Which Brickwork node a Swarm node is. The name (which the node's certificate proves) decides;
     * the addresses its agent reported (which nothing proves) only when no node has the name,
     * and only when exactly one node reported the Swarm node's address: an agent that reports
     * another machine's address must not draw that machine's labels to itself.
     */
    public static Optional<String> brickworkNode(SwarmNode swarmNode, List<String> nodes,
            Function<String, List<String>> addresses) {
        Optional<String> named = nodes.stream().filter(swarmNode::hasName).findFirst();
        if (named.isPresent()) {
            return named;
        }
        List<String> byAddress = nodes.stream().filter(node -> swarmNode.hasAddress(addresses.apply(node))).toList();
        return byAddress.size() == 1 ? Optional.of(byAddress.get(0)) : Optional.empty();
    }

    /**
     * The changes that make the Swarm's labels match {@code readiness}. A Swarm node that is no
     * Brickwork node of the spec must not carry the label either.
     *
     * @param addresses by Brickwork node name, what its agent reported (to match Swarm nodes by address too)
     */
    public static List<Change> changes(ClusterSpec spec, List<Readiness> readiness, List<SwarmNode> swarm,
            Function<String, List<String>> addresses) {
        List<Change> changes = new ArrayList<>();
        for (SwarmNode swarmNode : swarm) {
            Optional<String> brickworkNode = brickworkNode(swarmNode, spec.nodes(), addresses);
            for (VolumeSpec volume : spec.volumes()) {
                String key = key(volume.name());
                Optional<Readiness> state = brickworkNode.flatMap(node -> readiness.stream()
                        .filter(r -> r.node().equals(node) && r.volume().equals(volume.name())).findFirst());
                boolean ready = state.map(Readiness::ready).orElse(false);
                String reason = state.map(Readiness::reason).orElse("not a node of the spec");
                String current = swarmNode.labels().get(key);
                if (ready && !READY.equals(current)) {
                    changes.add(new Change(swarmNode, key, Optional.of(READY), reason));
                } else if (!ready && current != null) {
                    changes.add(new Change(swarmNode, key, Optional.empty(), reason));
                }
            }
        }
        return changes;
    }
}
