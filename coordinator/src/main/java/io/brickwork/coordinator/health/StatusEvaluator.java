package io.brickwork.coordinator.health;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.proto.agent.v1.BrickReport;
import io.brickwork.proto.agent.v1.DiskReport;
import io.brickwork.proto.agent.v1.HealReport;
import io.brickwork.proto.agent.v1.MountReport;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.PeerFact;
import io.brickwork.proto.coordinator.v1.BrickStatus;
import io.brickwork.proto.coordinator.v1.DiskStatus;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.Health;
import io.brickwork.proto.coordinator.v1.MountState;
import io.brickwork.proto.coordinator.v1.MountStatus;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import io.brickwork.proto.coordinator.v1.NodeState;
import io.brickwork.proto.coordinator.v1.PeerStatus;
import io.brickwork.proto.coordinator.v1.VolumeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the applied spec and what the agents reported into a status: a pure function of its
 * arguments, time included.
 *
 * <ul>
 *   <li>A node is STALE after two report intervals without a report, DOWN after three or
 *       when its stream is gone. A down node's last report is not evidence of anything.</li>
 *   <li>A volume is FAILED when a replica set has fewer than half of its bricks plus one online
 *       (writes stop under quorum), or when files are in split-brain; DEGRADED when a brick is
 *       offline, heals are pending or a node's mount is not the volume.</li>
 *   <li>The cluster is HEALTHY only without any problem, FAILED when a volume is.</li>
 * </ul>
 */
final class StatusEvaluator {
    private StatusEvaluator() {}

    static GetStatusResponse evaluate(Optional<ClusterSpec> maybeSpec, Collection<NodeObservation> observations,
            long nowMillis, Duration reportInterval) {
        Map<String, NodeObservation> byNode = new LinkedHashMap<>();
        observations.forEach(observation -> byNode.put(observation.node(), observation));
        GetStatusResponse.Builder status = GetStatusResponse.newBuilder();
        List<String> problems = new ArrayList<>();

        List<String> names = new ArrayList<>();
        maybeSpec.ifPresent(spec -> names.addAll(spec.nodes()));
        byNode.values().stream().filter(NodeObservation::open).map(NodeObservation::node)
                .filter(node -> !names.contains(node)).sorted().forEach(names::add);
        Map<String, NodeState> states = new LinkedHashMap<>();
        for (String node : names) {
            Optional<NodeObservation> observation = Optional.ofNullable(byNode.get(node));
            NodeState state = state(observation, nowMillis, reportInterval);
            states.put(node, state);
            status.addNodes(nodeInfo(node, observation, state));
        }

        if (maybeSpec.isEmpty()) {
            return status.addProblems("nothing has been applied yet").setHealth(Health.HEALTH_UNSPECIFIED).build();
        }
        ClusterSpec spec = maybeSpec.get();
        status.setCluster(spec.name()).setManager(spec.manager());
        Map<String, NodeReport> usable = new LinkedHashMap<>();
        for (String node : spec.nodes()) {
            Optional<NodeObservation> observation = Optional.ofNullable(byNode.get(node));
            NodeState state = states.get(node);
            if (state != NodeState.NODE_STATE_DOWN && observation.flatMap(NodeObservation::report).isPresent()) {
                usable.put(node, observation.get().report().get());
            }
            nodeProblems(node, observation, state, nowMillis, problems);
        }

        NodeReport manager = usable.get(spec.manager());
        if (manager != null) {
            for (PeerFact peer : manager.getPeersList()) {
                status.addPeers(peer(peer));
                if (!peer.getConnected()) {
                    problems.add("peer " + peer.getHostname() + " is disconnected (seen from " + spec.manager() + ")");
                }
            }
        }

        boolean failed = false;
        Set<String> mountsListed = new HashSet<>();
        for (VolumeSpec volume : spec.volumes()) {
            VolumeStatus volumeStatus = volume(spec, volume, byNode, states, usable, problems, status, mountsListed);
            failed |= volumeStatus.getHealth() == Health.HEALTH_FAILED;
            status.addVolumes(volumeStatus);
        }
        for (String node : spec.nodes()) {
            NodeReport report = usable.get(node);
            if (report != null) {
                report.getErrorsList().forEach(error -> problems.add(node + ": " + error));
            }
        }
        Health health = failed ? Health.HEALTH_FAILED
                : problems.isEmpty() ? Health.HEALTH_HEALTHY : Health.HEALTH_DEGRADED;
        return status.addAllProblems(problems).setHealth(health).build();
    }

    static NodeState state(Optional<NodeObservation> observation, long nowMillis, Duration reportInterval) {
        if (observation.isEmpty() || !observation.get().open()) {
            return NodeState.NODE_STATE_DOWN;
        }
        long silent = nowMillis - observation.get().reportClockStartMillis();
        if (silent > 3 * reportInterval.toMillis()) {
            return NodeState.NODE_STATE_DOWN;
        }
        if (silent > 2 * reportInterval.toMillis()) {
            return NodeState.NODE_STATE_STALE;
        }
        return NodeState.NODE_STATE_CONNECTED;
    }

    private static NodeInfo nodeInfo(String node, Optional<NodeObservation> maybe, NodeState state) {
        NodeInfo.Builder info = NodeInfo.newBuilder().setName(node).setState(state);
        if (maybe.isEmpty()) {
            return info.build();
        }
        NodeObservation observation = maybe.get();
        info.setConnected(observation.open())
                .setAgentVersion(observation.agentVersion())
                .addAllAddresses(observation.addresses())
                .setLastSeenUnixMs(observation.lastSeenMillis());
        if (observation.open()) {
            info.setConnectedSinceUnixMs(observation.connectedSinceMillis());
        }
        if (observation.report().isPresent()) {
            info.setLastReportUnixMs(observation.reportReceivedMillis());
        }
        if (state != NodeState.NODE_STATE_DOWN && observation.report().isPresent()) {
            NodeReport report = observation.report().get();
            info.setGlusterdRunning(report.getGlusterdRunning())
                    .setLoad1(report.getLoad1())
                    .setMemoryTotalBytes(report.getMemoryTotalBytes())
                    .setMemoryAvailableBytes(report.getMemoryAvailableBytes());
            for (DiskReport disk : report.getDisksList()) {
                info.addDisks(DiskStatus.newBuilder().setPath(disk.getPath()).setTotalBytes(disk.getTotalBytes())
                        .setFreeBytes(disk.getFreeBytes()).setInodesTotal(disk.getInodesTotal())
                        .setInodesFree(disk.getInodesFree()));
            }
            report.getPeersList().forEach(peer -> info.addPeers(peer(peer)));
        }
        return info.build();
    }

    private static PeerStatus peer(PeerFact peer) {
        return PeerStatus.newBuilder().setHostname(peer.getHostname()).setConnected(peer.getConnected())
                .setState(peer.getState()).build();
    }

    private static void nodeProblems(String node, Optional<NodeObservation> observation, NodeState state,
            long nowMillis, List<String> problems) {
        switch (state) {
            case NODE_STATE_DOWN -> {
                if (observation.isPresent() && observation.get().open()) {
                    problems.add(node + ": no report for " + silentFor(observation.get(), nowMillis)
                            + " (agent stream open)");
                } else {
                    problems.add(node + ": agent not connected");
                }
            }
            case NODE_STATE_STALE -> problems.add(node + ": no report for " + silentFor(observation.get(), nowMillis));
            default -> {
                Optional<NodeReport> report = observation.flatMap(NodeObservation::report);
                if (report.isPresent() && !report.get().getGlusterdRunning()) {
                    problems.add(node + ": glusterd not running");
                }
            }
        }
    }

    private static String silentFor(NodeObservation observation, long nowMillis) {
        return Math.max(0, (nowMillis - observation.reportClockStartMillis()) / 1000) + " s";
    }

    private static VolumeStatus volume(ClusterSpec spec, VolumeSpec volume, Map<String, NodeObservation> byNode,
            Map<String, NodeState> states, Map<String, NodeReport> usable, List<String> problems,
            GetStatusResponse.Builder status, Set<String> mountsListed) {
        VolumeStatus.Builder result = VolumeStatus.newBuilder()
                .setName(volume.name())
                .setType(volume.replica() > 1 ? "Replicate" : "Distribute")
                .setReplica(volume.replica())
                .addAllBricks(volume.bricks())
                .addAllDirectories(volume.directories().stream()
                        .map(directory -> directory.path() + " " + directory.owner() + ":" + directory.group() + " "
                                + directory.mode())
                        .toList());
        boolean degraded = false;
        boolean failed = false;
        // Every node reports the heal counts of every brick it sees: index them once, not per brick.
        Map<String, HealReport> heals = healIndex(volume.name(), usable.values());

        // Per brick: online = reported online by its own node; unknown = its node is up but has not reported yet.
        List<Boolean> knownOffline = new ArrayList<>();
        for (String node : volume.nodes()) {
            String brick = node + ":" + volume.brick();
            Set<String> aliases = aliases(spec, node, Optional.ofNullable(byNode.get(node)));
            BrickStatus.Builder brickStatus = BrickStatus.newBuilder().setBrick(brick).setNode(node);
            NodeReport own = usable.get(node);
            boolean unknown = own == null && states.get(node) != NodeState.NODE_STATE_DOWN;
            Optional<BrickReport> reported = own == null ? Optional.empty() : own.getBricksList().stream()
                    .filter(b -> b.getVolume().equals(volume.name()) && sameBrick(b.getBrick(), volume.brick(), aliases))
                    .findFirst();
            reported.ifPresent(b -> brickStatus.setOnline(b.getOnline()).setPort(b.getPort()).setPid(b.getPid()));
            long pending = 0;
            long splitBrain = 0;
            for (String alias : aliases) {
                HealReport heal = heals.get(healKey(volume.name(), alias + ":" + volume.brick()));
                if (heal != null) {
                    pending = Math.max(pending, heal.getPending());
                    splitBrain = Math.max(splitBrain, heal.getSplitBrain());
                }
            }
            brickStatus.setHealPending(pending).setSplitBrain(splitBrain);
            boolean online = reported.map(BrickReport::getOnline).orElse(false);
            knownOffline.add(!online && !unknown);
            if (unknown) {
                degraded = true;
                problems.add(volume.name() + ": brick " + brick + " state unknown (no report from " + node + " yet)");
            } else if (!online) {
                degraded = true;
                problems.add(volume.name() + ": brick " + brick + " is offline");
            }
            if (pending > 0) {
                degraded = true;
                problems.add(volume.name() + ": " + pending + " entries pending heal on " + brick);
            }
            if (splitBrain > 0) {
                failed = true;
                problems.add(volume.name() + ": " + splitBrain + " files in split-brain on " + brick);
            }
            result.addBrickStatus(brickStatus);
        }

        // Gluster groups consecutive bricks into replica sets; each set needs a majority to take writes.
        List<String> bricks = volume.bricks();
        int setSize = Math.max(1, volume.replica());
        for (int start = 0; start + setSize <= bricks.size(); start += setSize) {
            int offline = 0;
            for (int i = start; i < start + setSize; i++) {
                offline += knownOffline.get(i) ? 1 : 0;
            }
            int possiblyOnline = setSize - offline;
            if (possiblyOnline < setSize / 2 + 1) {
                failed = true;
                problems.add(volume.name() + ": quorum lost, " + possiblyOnline + " of " + setSize
                        + " bricks online in replica set " + String.join(", ", bricks.subList(start, start + setSize)));
            }
        }

        // Every node of the cluster mounts every volume (see the planner's mount phase).
        for (String node : spec.nodes()) {
            NodeReport report = usable.get(node);
            if (report == null) {
                continue;
            }
            String path = volume.mount().path();
            Optional<MountReport> mount = report.getMountsList().stream()
                    .filter(m -> m.getMountPoint().equals(path)).findFirst();
            if (mount.isEmpty()) {
                continue;
            }
            MountReport m = mount.get();
            MountState state = MountState.forNumber(m.getState().getNumber());
            if (state == null) {
                state = MountState.MOUNT_STATE_UNSPECIFIED;
            }
            if (mountsListed.add(node + "\n" + path)) {
                status.addMounts(MountStatus.newBuilder().setNode(node).setMountPoint(path)
                        .setMounted(state == MountState.MOUNT_STATE_OK || state == MountState.MOUNT_STATE_HUNG
                                || state == MountState.MOUNT_STATE_WRONG_FS)
                        .setSource(m.getSource()).setOwner(m.getOwner()).setGroup(m.getGroup()).setState(state));
            }
            Optional<String> problem = mountProblem(node, volume, m, state);
            if (problem.isPresent()) {
                degraded = true;
                result.addUnmountedOn(node);
                problems.add(problem.get());
            }
        }

        Health health = failed ? Health.HEALTH_FAILED : degraded ? Health.HEALTH_DEGRADED : Health.HEALTH_HEALTHY;
        return result.setHealth(health).setStatus(switch (health) {
            case HEALTH_FAILED -> "failed";
            case HEALTH_DEGRADED -> "degraded";
            default -> "healthy";
        }).build();
    }

    private static Optional<String> mountProblem(String node, VolumeSpec volume, MountReport mount, MountState state) {
        String path = volume.mount().path();
        return switch (state) {
            case MOUNT_STATE_OK -> mount.getSource().isEmpty() || mount.getSource().endsWith(":/" + volume.name())
                    ? Optional.empty()
                    : Optional.of(node + ": " + path + " has " + mount.getSource() + " mounted, not volume "
                            + volume.name());
            case MOUNT_STATE_NOT_MOUNTED -> Optional.of(node + ": " + path
                    + " not mounted — containers would write to local disk");
            case MOUNT_STATE_HUNG -> Optional.of(node + ": " + path + " is not responding (hung mount)");
            case MOUNT_STATE_WRONG_FS -> Optional.of(node + ": " + path + " has another file system mounted"
                    + (mount.getSource().isEmpty() ? "" : " (" + mount.getSource() + ")")
                    + ", not the gluster volume — containers would write to it instead");
            default -> Optional.of(node + ": " + path + " mount state unknown");
        };
    }

    /** The names a node's bricks may carry in gluster's output: its node name and its addresses. */
    private static Set<String> aliases(ClusterSpec spec, String node, Optional<NodeObservation> observation) {
        Set<String> aliases = new HashSet<>();
        aliases.add(node);
        Optional.ofNullable(spec.hosts().get(node)).ifPresent(aliases::add);
        observation.ifPresent(o -> aliases.addAll(o.addresses()));
        return aliases;
    }

    /** The highest counts any node reported per brick ("host:path") of one volume. */
    private static Map<String, HealReport> healIndex(String volume, java.util.Collection<NodeReport> reports) {
        Map<String, HealReport> index = new java.util.HashMap<>();
        for (NodeReport report : reports) {
            for (HealReport heal : report.getHealsList()) {
                if (heal.getVolume().equals(volume)) {
                    index.merge(healKey(volume, heal.getBrick()), heal, (a, b) -> HealReport.newBuilder(a)
                            .setPending(Math.max(a.getPending(), b.getPending()))
                            .setSplitBrain(Math.max(a.getSplitBrain(), b.getSplitBrain()))
                            .build());
                }
            }
        }
        return index;
    }

    private static String healKey(String volume, String brick) {
        return volume + "\u0000" + brick;
    }

    private static boolean sameBrick(String reported, String path, Set<String> hostAliases) {
        int colon = reported.lastIndexOf(':');
        if (colon < 0) {
            return reported.equals(path);
        }
        return reported.substring(colon + 1).equals(path) && hostAliases.contains(reported.substring(0, colon));
    }
}
