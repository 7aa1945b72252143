package io.brickwork.coordinator.health;

import io.brickwork.coordinator.health.facts.KnownFacts;
import io.brickwork.coordinator.health.facts.NodeObservation;
import io.brickwork.coordinator.health.problems.Problem;
import io.brickwork.coordinator.health.problems.ProblemMessage;
import io.brickwork.coordinator.health.rules.AgentErrorRule;
import io.brickwork.coordinator.health.rules.BrickOfflineRule;
import io.brickwork.coordinator.health.rules.BrickOfflineRule.BrickVerdict;
import io.brickwork.coordinator.health.rules.ClusterRollup;
import io.brickwork.coordinator.health.rules.GlusterdRule;
import io.brickwork.coordinator.health.rules.HealBacklogRule;
import io.brickwork.coordinator.health.rules.HealBacklogRule.HealCounts;
import io.brickwork.coordinator.health.rules.MountRule;
import io.brickwork.coordinator.health.rules.MountRule.MountVerdict;
import io.brickwork.coordinator.health.rules.NodeStateRule;
import io.brickwork.coordinator.health.rules.NodeView;
import io.brickwork.coordinator.health.rules.Now;
import io.brickwork.coordinator.health.rules.PeerRule;
import io.brickwork.coordinator.health.rules.QuorumRule;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.coordinator.layout.ReplicaSets;
import io.brickwork.proto.agent.v1.MountReport;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.Health;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import io.brickwork.proto.coordinator.v1.NodeState;
import io.brickwork.proto.coordinator.v1.VolumeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the applied spec and what the agents reported into a status by applying the rules in
 * {@code rules/} and listing their problems in a fixed order: nodes, the manager's peers, each
 * volume (bricks, heals, quorum, mounts), agent errors. Pure: a function of its arguments, time
 * included. Where node views and brick and mount verdicts come from is the caller's choice
 * ({@link Parts}): the rules themselves, or a memo of them ({@link MemoizedEvaluator}).
 */
final class StatusEvaluator {
    /** The parts of a status a memo may keep: each one rule applied to its input. */
    interface Parts {
        NodeInfo node(NodeView.Input input, Now now);

        BrickVerdict brick(BrickOfflineRule.Input input, Now now);

        MountVerdict mount(MountRule.Input input, Now now);
    }

    /** Every part computed anew. */
    static final Parts RULES = new Parts() {
        @Override
        public NodeInfo node(NodeView.Input input, Now now) {
            return NodeView.info(input, now);
        }

        @Override
        public BrickVerdict brick(BrickOfflineRule.Input input, Now now) {
            return BrickOfflineRule.verdict(input, now);
        }

        @Override
        public MountVerdict mount(MountRule.Input input, Now now) {
            return MountRule.verdict(input, now);
        }
    };

    private StatusEvaluator() {}

    /** The status at {@code nowMillis}, every rule applied anew. */
    static GetStatusResponse evaluate(Optional<ClusterSpec> spec, Collection<NodeObservation> observations,
            long nowMillis, Duration reportInterval) {
        return evaluate(spec, observations, new Now(nowMillis, reportInterval), RULES);
    }

    static GetStatusResponse evaluate(Optional<ClusterSpec> maybeSpec, Collection<NodeObservation> observations,
            Now now, Parts parts) {
        Map<String, NodeObservation> byNode = new LinkedHashMap<>();
        observations.forEach(observation -> byNode.put(observation.node(), observation));
        GetStatusResponse.Builder status = GetStatusResponse.newBuilder();

        // The spec's nodes, then any other node whose agent is connected.
        Set<String> names = new LinkedHashSet<>();
        maybeSpec.ifPresent(spec -> names.addAll(spec.nodes()));
        byNode.values().stream().filter(NodeObservation::open).map(NodeObservation::node)
                .filter(node -> !names.contains(node)).sorted().forEach(names::add);
        Map<String, NodeState> states = new HashMap<>();
        for (String node : names) {
            Optional<NodeObservation> observation = Optional.ofNullable(byNode.get(node));
            NodeState state = NodeStateRule.state(observation, now);
            states.put(node, state);
            NodeInfo info = parts.node(new NodeView.Input(node, state, observation), now);
            long lastSeen = observation.map(NodeObservation::lastSeenMillis).orElse(0L);
            status.addNodes(lastSeen == 0 ? info : info.toBuilder().setLastSeenUnixMs(lastSeen).build());
        }
        if (maybeSpec.isEmpty()) {
            return withProblems(status, List.of(Problem.nothingApplied())).setHealth(Health.HEALTH_UNSPECIFIED)
                    .build();
        }
        ClusterSpec spec = maybeSpec.get();
        status.setCluster(spec.name()).setManager(spec.manager());

        List<Problem> problems = new ArrayList<>();
        // The facts of nodes whose reports count: a DOWN node's last report is not evidence of anything.
        Map<String, KnownFacts> usable = new LinkedHashMap<>();
        for (String node : spec.nodes()) {
            Optional<NodeObservation> observation = Optional.ofNullable(byNode.get(node));
            NodeState state = states.get(node);
            Optional<KnownFacts> facts = observation.flatMap(NodeObservation::facts);
            if (state != NodeState.NODE_STATE_DOWN && facts.isPresent()) {
                usable.put(node, facts.get());
            }
            NodeStateRule.problem(node, observation, state, now)
                    .or(() -> facts.flatMap(known -> GlusterdRule.problem(node, known, now)))
                    .ifPresent(problems::add);
        }

        KnownFacts manager = usable.get(spec.manager());
        if (manager != null) {
            manager.report().getPeersList().forEach(peer -> status.addPeers(PeerRule.status(peer)));
            problems.addAll(PeerRule.problems(spec.manager(), manager.report()));
        }

        Set<String> mountsListed = new HashSet<>();
        for (VolumeSpec volume : spec.volumes()) {
            List<Problem> volumeProblems = new ArrayList<>();
            VolumeStatus.Builder volumeStatus = volumeStatus(volume).addAllReplicaSets(ReplicaSets.zones(spec, volume))
                    .setTls(storeSaysTls(spec, volume, usable));
            bricks(spec, volume, byNode, states, usable, now, parts, volumeStatus, volumeProblems);
            mounts(spec, volume, usable, now, parts, volumeStatus, volumeProblems, status, mountsListed);
            Health health = ClusterRollup.health(volumeProblems);
            status.addVolumes(volumeStatus.setHealth(health).setStatus(ClusterRollup.word(health)));
            problems.addAll(volumeProblems);
        }
        usable.forEach((node, facts) -> problems.addAll(AgentErrorRule.problems(node, facts.report())));
        return withProblems(status, problems).setHealth(ClusterRollup.health(problems)).build();
    }

    /** glusterd's store is the same on every node of the pool: the manager's report, else any usable one. */
    private static boolean storeSaysTls(ClusterSpec spec, VolumeSpec volume, Map<String, KnownFacts> usable) {
        KnownFacts reader = usable.containsKey(spec.manager()) ? usable.get(spec.manager())
                : usable.values().stream().findFirst().orElse(null);
        return reader != null && reader.report().getGlusterTls().getTlsVolumesList().contains(volume.name());
    }

    private static VolumeStatus.Builder volumeStatus(VolumeSpec volume) {
        return VolumeStatus.newBuilder()
                .setName(volume.name())
                .setType(volume.replica() > 1 ? "Replicate" : "Distribute")
                .setReplica(volume.replica())
                .addAllBricks(volume.allBricks())
                .addAllDirectories(volume.directories().stream()
                        .map(directory -> directory.path() + " " + directory.owner() + ":" + directory.group() + " "
                                + directory.mode())
                        .toList());
    }

    /** Each brick as its own node reports it, with the heal counts every node reports; then quorum. */
    private static void bricks(ClusterSpec spec, VolumeSpec volume, Map<String, NodeObservation> byNode,
            Map<String, NodeState> states, Map<String, KnownFacts> usable, Now now, Parts parts,
            VolumeStatus.Builder result, List<Problem> problems) {
        Map<String, HealCounts> heals = HealBacklogRule.index(volume.name(), usable.values(), now);
        List<Map.Entry<String, String>> brickPaths = new ArrayList<>();
        volume.nodes().forEach(node -> brickPaths.add(Map.entry(node, volume.brick())));
        volume.arbiterBrick().ifPresent(arbiter -> brickPaths.add(Map.entry(arbiter.node(), arbiter.path())));
        List<Boolean> knownOffline = new ArrayList<>();
        for (Map.Entry<String, String> brickPath : brickPaths) {
            String node = brickPath.getKey();
            List<String> addresses = Optional.ofNullable(byNode.get(node)).map(NodeObservation::addresses)
                    .orElse(List.of());
            BrickVerdict verdict = parts.brick(new BrickOfflineRule.Input(volume.name(), node, brickPath.getValue(),
                    Optional.ofNullable(spec.hosts().get(node)), addresses, states.get(node),
                    Optional.ofNullable(usable.get(node))), now);
            HealCounts counts = HealBacklogRule.counts(heals, verdict.healKeys());
            knownOffline.add(verdict.knownOffline());
            verdict.problem().ifPresent(problems::add);
            problems.addAll(HealBacklogRule.problems(volume.name(), node, verdict.status().getBrick(), counts));
            result.addBrickStatus(counts.none() ? verdict.status() : verdict.status().toBuilder()
                    .setHealPending(counts.pending()).setSplitBrain(counts.splitBrain())
                    .setHealStale(counts.stale()).build());
        }
        problems.addAll(QuorumRule.problems(volume.name(), volume.replica(), volume.allBricks(), knownOffline));
    }

    /** Every node of the cluster mounts every volume (see the planner's mount phase). */
    private static void mounts(ClusterSpec spec, VolumeSpec volume, Map<String, KnownFacts> usable, Now now,
            Parts parts, VolumeStatus.Builder result, List<Problem> problems, GetStatusResponse.Builder status,
            Set<String> mountsListed) {
        String path = volume.mount().path();
        for (String node : spec.nodes()) {
            KnownFacts facts = usable.get(node);
            if (facts == null) {
                continue;
            }
            Optional<MountReport> reported = facts.report().getMountsList().stream()
                    .filter(mount -> mount.getMountPoint().equals(path)).findFirst();
            MountVerdict verdict = parts.mount(new MountRule.Input(node, volume.name(), path, reported), now);
            if (verdict.mount().isPresent() && mountsListed.add(node + "\n" + path)) {
                status.addMounts(verdict.mount().get());
            }
            if (verdict.problem().isPresent()) {
                result.addUnmountedOn(node);
                problems.add(verdict.problem().get());
            }
        }
    }

    /** Each problem typed, and its text in the string list older clients read. */
    private static GetStatusResponse.Builder withProblems(GetStatusResponse.Builder status, List<Problem> problems) {
        for (Problem problem : problems) {
            io.brickwork.proto.coordinator.v1.Problem message = ProblemMessage.of(problem);
            status.addProblemDetails(message).addProblems(message.getText());
        }
        return status;
    }
}
