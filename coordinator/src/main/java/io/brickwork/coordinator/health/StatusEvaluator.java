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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
 *   <li>A part a node could not read (a gluster read that failed or timed out) keeps its last
 *       known value, marked stale with its read time, for as long as a report would (three
 *       intervals); after that it is unknown. Unknown is never offline: it degrades the volume
 *       but never counts against quorum.</li>
 * </ul>
 *
 * <p>An instance remembers the node entries it built, keyed by the observation they came from,
 * so a cluster where a few nodes reported since the last evaluation rebuilds only those. Not
 * thread-safe: the health model calls it under its lock.
 */
final class StatusEvaluator {
    private final Map<String, NodeEntry> nodeEntries = new HashMap<>();

    private record NodeEntry(NodeObservation observation, NodeState state, NodeInfo info) {}

    /** The same result as a fresh evaluator's; only faster when few observations changed. */
    GetStatusResponse evaluate(Optional<ClusterSpec> maybeSpec, Collection<NodeObservation> observations,
            long nowMillis, Duration reportInterval) {
        Map<String, NodeObservation> byNode = new LinkedHashMap<>();
        observations.forEach(observation -> byNode.put(observation.node(), observation));
        GetStatusResponse.Builder status = GetStatusResponse.newBuilder();
        List<String> problems = new ArrayList<>();

        Set<String> names = new LinkedHashSet<>();
        maybeSpec.ifPresent(spec -> names.addAll(spec.nodes()));
        byNode.values().stream().filter(NodeObservation::open).map(NodeObservation::node)
                .filter(node -> !names.contains(node)).sorted().forEach(names::add);
        Map<String, NodeState> states = new HashMap<>();
        for (String node : names) {
            Optional<NodeObservation> observation = Optional.ofNullable(byNode.get(node));
            NodeState state = state(observation, nowMillis, reportInterval);
            states.put(node, state);
            status.addNodes(nodeInfo(node, observation, state, nowMillis, reportInterval));
        }
        nodeEntries.keySet().retainAll(names);

        if (maybeSpec.isEmpty()) {
            return status.addProblems("nothing has been applied yet").setHealth(Health.HEALTH_UNSPECIFIED).build();
        }
        ClusterSpec spec = maybeSpec.get();
        if (spec != partsSpec) {
            // Parts of volumes or nodes another spec had would otherwise stay for good.
            brickParts.clear();
            mountParts.clear();
            partsSpec = spec;
        }
        status.setCluster(spec.name()).setManager(spec.manager());
        Map<String, NodeReport> usable = new LinkedHashMap<>();
        Map<String, NodeObservation> reporting = new HashMap<>();
        for (String node : spec.nodes()) {
            Optional<NodeObservation> observation = Optional.ofNullable(byNode.get(node));
            NodeState state = states.get(node);
            if (state != NodeState.NODE_STATE_DOWN && observation.flatMap(NodeObservation::report).isPresent()) {
                usable.put(node, observation.get().report().get());
                reporting.put(node, observation.get());
            }
            nodeProblems(node, observation, state, nowMillis, reportInterval, problems);
        }
        Freshness freshness = new Freshness(nowMillis, reportInterval);

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
            VolumeStatus volumeStatus = volume(spec, volume, byNode, states, usable, reporting, freshness, problems,
                    status, mountsListed);
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

    private NodeInfo nodeInfo(String node, Optional<NodeObservation> maybe, NodeState state, long nowMillis,
            Duration reportInterval) {
        if (maybe.isEmpty()) {
            return NodeInfo.newBuilder().setName(node).setState(state).build();
        }
        NodeEntry entry = nodeEntries.get(node);
        // Whether glusterd's last known state still counts depends on time, so an entry with a stale one is not reused.
        if (entry != null && entry.state() == state && !entry.info().getGlusterdStale()) {
            if (entry.observation() == maybe.get()) {
                return entry.info();
            }
            if (sameButLastSeen(entry.observation(), maybe.get())) {
                // A heartbeat: only last_seen moved.
                NodeInfo info = entry.info().toBuilder().setLastSeenUnixMs(maybe.get().lastSeenMillis()).build();
                nodeEntries.put(node, new NodeEntry(maybe.get(), state, info));
                return info;
            }
        }
        NodeInfo info = buildNodeInfo(node, maybe, state, nowMillis, reportInterval);
        nodeEntries.put(node, new NodeEntry(maybe.get(), state, info));
        return info;
    }

    private static boolean sameButLastSeen(NodeObservation a, NodeObservation b) {
        return a.facts() == b.facts() && a.sessionId().equals(b.sessionId()) && a.open() == b.open()
                && a.addresses() == b.addresses() && a.agentVersion().equals(b.agentVersion())
                && a.connectedSinceMillis() == b.connectedSinceMillis()
                && a.reportReceivedMillis() == b.reportReceivedMillis();
    }

    private static NodeInfo buildNodeInfo(String node, Optional<NodeObservation> maybe, NodeState state,
            long nowMillis, Duration reportInterval) {
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
            long glusterdRead = observation.facts().get().glusterdReadMillis();
            if (observation.facts().get().glusterdStale()) {
                info.setGlusterdStale(true).setGlusterdReadUnixMs(glusterdRead);
                if (!new Freshness(nowMillis, reportInterval).counts(glusterdRead)) {
                    // Too old to count: unknown, which the message says with glusterd_running unset.
                    report = report.toBuilder().setGlusterdRunning(false).clearPeers().build();
                }
            }
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
            long nowMillis, Duration reportInterval, List<String> problems) {
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
                Optional<KnownFacts> facts = observation.flatMap(NodeObservation::facts);
                if (facts.isEmpty()) {
                    return;
                }
                long read = facts.get().glusterdReadMillis();
                boolean stale = facts.get().glusterdStale();
                if (stale && !new Freshness(nowMillis, reportInterval).counts(read)) {
                    problems.add(node + ": glusterd state unknown (not read " + since(read, nowMillis)
                            + ")");
                } else if (!facts.get().report().getGlusterdRunning()) {
                    problems.add(node + ": glusterd not running" + (stale ? " (last read " + ago(read, nowMillis)
                            + ")" : ""));
                }
            }
        }
    }

    /** "for 12 s", or "since it connected" for a part never read on this connection. */
    private static String since(long readMillis, long nowMillis) {
        return readMillis <= 0 ? "since it connected" : "for " + Math.max(0, (nowMillis - readMillis) / 1000) + " s";
    }

    private static String ago(long readMillis, long nowMillis) {
        return Math.max(0, (nowMillis - readMillis) / 1000) + " s ago";
    }

    /** How long a last known value still counts: as long as a report would before its node is DOWN. */
    private record Freshness(long nowMillis, Duration reportInterval) {
        boolean counts(long readMillis) {
            return readMillis > 0 && nowMillis - readMillis <= 3 * reportInterval.toMillis();
        }
    }

    private static String silentFor(NodeObservation observation, long nowMillis) {
        return Math.max(0, (nowMillis - observation.reportClockStartMillis()) / 1000) + " s";
    }

    /**
     * One brick as its own node's facts show it: a brick status but for the heal counts, which
     * come from every node. Reused while the node's observation and state are the same objects,
     * unless it holds a last known value, whose words and worth change with time.
     */
    private record BrickPart(Optional<KnownFacts> facts, List<String> addresses, NodeState state, ClusterSpec spec,
            boolean timeDependent, List<String> healKeys, BrickStatus withoutHeals, boolean knownOffline,
            Optional<String> problem) {}

    /** One node's mount of one volume, from the node's report; reused like a {@link BrickPart}. */
    private record MountPart(Optional<KnownFacts> facts, ClusterSpec spec, String listedKey,
            Optional<MountStatus> mount, Optional<String> problem) {}

    /** Per volume, per node. */
    private final Map<String, Map<String, BrickPart>> brickParts = new HashMap<>();
    private final Map<String, Map<String, MountPart>> mountParts = new HashMap<>();
    private ClusterSpec partsSpec;

    /** @param path the brick's directory on that node: the volume's brick, or its arbiter brick's path */
    private BrickPart brickPart(ClusterSpec spec, VolumeSpec volume, String node, String path,
            NodeObservation observation, NodeState state, NodeReport own, Freshness freshness) {
        Map<String, BrickPart> memos = brickParts.computeIfAbsent(volume.name(), name -> new HashMap<>());
        String brick = node + ":" + path;
        BrickPart memo = memos.get(brick);
        // What a part is made of: the node's facts, its addresses (aliases), its state and the spec; last seen is not.
        Optional<KnownFacts> facts = observation == null ? null : observation.facts();
        List<String> addresses = observation == null ? null : observation.addresses();
        if (memo != null && memo.facts() == facts && memo.addresses() == addresses && memo.state() == state
                && memo.spec() == spec && !memo.timeDependent()) {
            return memo;
        }
        Set<String> aliases = aliases(spec, node, Optional.ofNullable(observation));
        BrickStatus.Builder brickStatus = BrickStatus.newBuilder().setBrick(brick).setNode(node);
        Optional<BrickReport> reported = Optional.empty();
        Optional<String> unknownWhy = Optional.empty();
        Optional<String> unreadWhy = Optional.empty();
        long readMillis = 0;
        boolean stale = false;
        if (own == null) {
            if (state != NodeState.NODE_STATE_DOWN) {
                unknownWhy = Optional.of("no report from " + node + " yet");
            }
        } else {
            KnownFacts known = observation.facts().orElseThrow();
            unreadWhy = known.bricksUnread();
            reported = own.getBricksList().stream()
                    .filter(b -> b.getVolume().equals(volume.name()) && sameBrick(b.getBrick(), path, aliases))
                    .findFirst();
            if (reported.isPresent()) {
                readMillis = known.brickReadMillis(reported.get());
                stale = known.brickStale(reported.get());
                if (stale && !freshness.counts(readMillis)) {
                    reported = Optional.empty();
                    unknownWhy = Optional.of("not read " + since(readMillis, freshness.nowMillis()) + ": "
                            + unreadWhy.orElse("no answer"));
                }
            } else if (unreadWhy.isPresent()) {
                stale = true;
                unknownWhy = Optional.of("not read: " + unreadWhy.get());
            }
        }
        boolean unknown = unknownWhy.isPresent();
        reported.ifPresent(b -> brickStatus.setOnline(b.getOnline()).setPort(b.getPort()).setPid(b.getPid()));
        brickStatus.setStateStale(stale).setStateReadUnixMs(stale && reported.isPresent() ? readMillis : 0)
                .setStateUnknown(unknown);
        boolean online = reported.map(BrickReport::getOnline).orElse(false);
        Optional<String> problem = Optional.empty();
        if (unknown) {
            problem = Optional.of(volume.name() + ": brick " + brick + " state unknown (" + unknownWhy.get() + ")");
        } else if (!online) {
            problem = Optional.of(volume.name() + ": brick " + brick + " is offline"
                    + (stale ? " (last read " + ago(readMillis, freshness.nowMillis()) + ")" : ""));
        } else if (stale) {
            problem = Optional.of(volume.name() + ": brick " + brick + " state not read for "
                    + Math.max(0, (freshness.nowMillis() - readMillis) / 1000) + " s ("
                    + unreadWhy.orElse("no answer") + "); last known online");
        }
        List<String> healKeys = aliases.stream().map(alias -> alias + ":" + path).toList();
        BrickPart part = new BrickPart(facts, addresses, state, spec, stale, healKeys, brickStatus.build(),
                !online && !unknown, problem);
        memos.put(brick, part);
        return part;
    }

    private VolumeStatus volume(ClusterSpec spec, VolumeSpec volume, Map<String, NodeObservation> byNode,
            Map<String, NodeState> states, Map<String, NodeReport> usable, Map<String, NodeObservation> reporting,
            Freshness freshness, List<String> problems, GetStatusResponse.Builder status, Set<String> mountsListed) {
        VolumeStatus.Builder result = VolumeStatus.newBuilder()
                .setName(volume.name())
                .setType(volume.replica() > 1 ? "Replicate" : "Distribute")
                .setReplica(volume.replica())
                .addAllBricks(volume.allBricks())
                .addAllDirectories(volume.directories().stream()
                        .map(directory -> directory.path() + " " + directory.owner() + ":" + directory.group() + " "
                                + directory.mode())
                        .toList());
        boolean degraded = false;
        boolean failed = false;
        // Every node reports the heal counts of every brick it sees: index them once, not per brick.
        Map<String, HealCounts> heals = healIndex(volume.name(), reporting.values(), freshness);

        // Per brick: online = reported online by its own node; unknown = its node is up but its state could not be read.
        List<Boolean> knownOffline = new ArrayList<>();
        List<Map.Entry<String, String>> brickPaths = new ArrayList<>();
        volume.nodes().forEach(node -> brickPaths.add(Map.entry(node, volume.brick())));
        volume.arbiterBrick().ifPresent(arbiter -> brickPaths.add(Map.entry(arbiter.node(), arbiter.path())));
        for (Map.Entry<String, String> brickPath : brickPaths) {
            String node = brickPath.getKey();
            BrickPart part = brickPart(spec, volume, node, brickPath.getValue(), byNode.get(node), states.get(node),
                    usable.get(node), freshness);
            long pending = 0;
            long splitBrain = 0;
            boolean healStale = false;
            for (String key : part.healKeys()) {
                HealCounts heal = heals.get(key);
                if (heal != null) {
                    pending = Math.max(pending, heal.pending);
                    splitBrain = Math.max(splitBrain, heal.splitBrain);
                    healStale |= heal.stale;
                }
            }
            knownOffline.add(part.knownOffline());
            if (part.problem().isPresent()) {
                degraded = true;
                problems.add(part.problem().get());
            }
            String brick = part.withoutHeals().getBrick();
            if (pending > 0) {
                degraded = true;
                problems.add(volume.name() + ": " + pending + " entries pending heal on " + brick
                        + (healStale ? " (last known count)" : ""));
            }
            if (splitBrain > 0) {
                failed = true;
                problems.add(volume.name() + ": " + splitBrain + " files in split-brain on " + brick
                        + (healStale ? " (last known count)" : ""));
            }
            result.addBrickStatus(pending == 0 && splitBrain == 0 && !healStale ? part.withoutHeals()
                    : part.withoutHeals().toBuilder().setHealPending(pending).setSplitBrain(splitBrain)
                            .setHealStale(healStale).build());
        }

        // Gluster groups consecutive bricks into replica sets (an arbiter brick last in its set); each
        // set needs a majority to take writes.
        List<String> bricks = volume.allBricks();
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
            MountPart part = mountPart(spec, volume, node, reporting.get(node), report);
            if (part.mount().isPresent() && mountsListed.add(part.listedKey())) {
                status.addMounts(part.mount().get());
            }
            if (part.problem().isPresent()) {
                degraded = true;
                result.addUnmountedOn(node);
                problems.add(part.problem().get());
            }
        }

        Health health = failed ? Health.HEALTH_FAILED : degraded ? Health.HEALTH_DEGRADED : Health.HEALTH_HEALTHY;
        return result.setHealth(health).setStatus(switch (health) {
            case HEALTH_FAILED -> "failed";
            case HEALTH_DEGRADED -> "degraded";
            default -> "healthy";
        }).build();
    }

    private MountPart mountPart(ClusterSpec spec, VolumeSpec volume, String node, NodeObservation observation,
            NodeReport report) {
        Map<String, MountPart> memos = mountParts.computeIfAbsent(volume.name(), name -> new HashMap<>());
        MountPart memo = memos.get(node);
        if (memo != null && memo.facts() == observation.facts() && memo.spec() == spec) {
            return memo;
        }
        String path = volume.mount().path();
        Optional<MountReport> mount = report.getMountsList().stream()
                .filter(m -> m.getMountPoint().equals(path)).findFirst();
        MountPart part;
        if (mount.isEmpty()) {
            part = new MountPart(observation.facts(), spec, "", Optional.empty(), Optional.empty());
        } else {
            MountReport m = mount.get();
            MountState state = MountState.forNumber(m.getState().getNumber());
            if (state == null) {
                state = MountState.MOUNT_STATE_UNSPECIFIED;
            }
            MountStatus listed = MountStatus.newBuilder().setNode(node).setMountPoint(path)
                    .setMounted(state == MountState.MOUNT_STATE_OK || state == MountState.MOUNT_STATE_HUNG
                            || state == MountState.MOUNT_STATE_WRONG_FS)
                    .setSource(m.getSource()).setOwner(m.getOwner()).setGroup(m.getGroup()).setState(state).build();
            part = new MountPart(observation.facts(), spec, node + "\n" + path, Optional.of(listed),
                    mountProblem(node, volume, m, state));
        }
        memos.put(node, part);
        return part;
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

    /** Counts of one brick; stale when one of them is a last known count, its latest read having failed. */
    private static final class HealCounts {
        long pending;
        long splitBrain;
        boolean stale;
    }

    /**
     * The highest counts any node reported per brick ("host:path", as gluster names it) of one
     * volume; counts too old to count are left out.
     */
    private static Map<String, HealCounts> healIndex(String volume, Collection<NodeObservation> reporting,
            Freshness freshness) {
        Map<String, HealCounts> index = new HashMap<>();
        for (NodeObservation observation : reporting) {
            KnownFacts facts = observation.facts().orElseThrow();
            boolean stale = facts.healStale(volume);
            if (stale && !freshness.counts(facts.healReadMillis(volume))) {
                continue;
            }
            for (HealReport heal : facts.report().getHealsList()) {
                // Zero counts read now add nothing to a maximum: most bricks, most of the time.
                if (heal.getPending() == 0 && heal.getSplitBrain() == 0 && !stale) {
                    continue;
                }
                if (heal.getVolume().equals(volume)) {
                    HealCounts counts = index.computeIfAbsent(heal.getBrick(), key -> new HealCounts());
                    counts.pending = Math.max(counts.pending, heal.getPending());
                    counts.splitBrain = Math.max(counts.splitBrain, heal.getSplitBrain());
                    counts.stale |= stale;
                }
            }
        }
        return index;
    }

    private static boolean sameBrick(String reported, String path, Set<String> hostAliases) {
        int colon = reported.lastIndexOf(':');
        if (colon < 0) {
            return reported.equals(path);
        }
        return reported.substring(colon + 1).equals(path) && hostAliases.contains(reported.substring(0, colon));
    }
}
