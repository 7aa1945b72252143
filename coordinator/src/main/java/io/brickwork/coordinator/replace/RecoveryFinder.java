package io.brickwork.coordinator.replace;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Brick;
import io.brickwork.proto.agent.v1.GlusterdPeer;
import io.brickwork.proto.agent.v1.NodeFacts;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.PeerFact;
import io.brickwork.proto.agent.v1.ResetBrick;
import io.brickwork.proto.agent.v1.RestoreGlusterdIdentity;
import io.brickwork.proto.agent.v1.VolumeState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Finds what an apply must bring back before the rest of the spec, from gluster's state read
 * fresh: bricks the spec gives to new nodes ({@link ReplacementFinder}); nodes rebuilt under their
 * own name (the manager's pool lists the name under a UUID its glusterd rejects, and the node's
 * own glusterd is a fresh install), whose bricks are then all reset; and bricks of live nodes
 * that are offline on an empty directory without any volume's id (a new disk), which are reset.
 * Each node is asked about itself in check mode, so the answer is that machine's, and nothing
 * changes here.
 */
public final class RecoveryFinder {
    private static final Logger log = Logger.getLogger(RecoveryFinder.class.getName());
    /** The state of a peer that has fully joined, as glusterd names it. */
    static final String IN_CLUSTER = "Peer in Cluster";

    private final VolumeReader reader;
    private final Function<String, Optional<NodeReport>> lastReports;

    /** @param lastReports each node's last report: only nodes they do not show healthy in the pool are asked */
    public RecoveryFinder(VolumeReader reader, Function<String, Optional<NodeReport>> lastReports) {
        this.reader = requireNonNull(reader, "reader is null");
        this.lastReports = requireNonNull(lastReports, "lastReports is null");
    }

    /**
     * @param layouts each existing volume's state as gluster reports it, with which bricks are online
     * @param connected whether a node's agent is connected now
     * @throws ReplacementRefusedException when something is to be brought back that may not be:
     *     two bricks of one set at once, or a rejected node whose glusterd is not a fresh install
     */
    public Recovery find(ClusterSpec spec, Map<String, VolumeState> layouts, Predicate<String> connected,
            String requestedBy) throws ReplacementRefusedException, VolumeReader.ReadFailedException {
        List<Replacement> replacements = new ArrayList<>(ReplacementFinder.find(spec, layouts));
        boolean anyVolume = layouts.values().stream().anyMatch(VolumeState::getExists);
        List<RebuiltNode> rebuilt = anyVolume ? rebuilt(spec, connected, requestedBy) : List.of();
        Set<String> rebuiltNames = rebuilt.stream().map(RebuiltNode::node).collect(Collectors.toSet());
        for (VolumeSpec volume : spec.volumes()) {
            VolumeState state = layouts.get(volume.name());
            if (state == null || !state.getExists() || state.getReplica() < 1) {
                continue;
            }
            for (int i = 0; i < state.getBricksCount(); i++) {
                String brick = state.getBricks(i);
                String host = Replacement.host(brick);
                boolean replaced = replacements.stream().anyMatch(replacement -> replacement.oldBrick().equals(brick));
                if (replaced || !spec.nodes().contains(host) || !connected.test(host)) {
                    continue;
                }
                if (rebuiltNames.contains(host)
                        || (!state.getOnlineBricksList().contains(brick) && emptyAndNew(volume.name(), brick, requestedBy))) {
                    replacements.add(Replacement.reset(volume.name(), brick, set(state, i)));
                }
            }
        }
        requireOnePerSet(replacements, layouts);
        return new Recovery(rebuilt, replacements);
    }

    /** Nodes the manager's pool rejects whose own glusterd has another UUID, as a fresh install. */
    private List<RebuiltNode> rebuilt(ClusterSpec spec, Predicate<String> connected, String requestedBy)
            throws ReplacementRefusedException, VolumeReader.ReadFailedException {
        List<String> candidates = new ArrayList<>();
        NodeFacts manager = null;
        for (String node : spec.nodes()) {
            if (node.equals(spec.manager()) || !connected.test(node) || inPoolByReports(spec.manager(), node)) {
                continue;
            }
            if (manager == null) {
                try {
                    manager = reader.readNode(spec.manager(), requestedBy);
                } catch (VolumeReader.ReadFailedException e) {
                    // As for an unread layout: nothing found, and the apply's own steps say what is wrong.
                    log.info(() -> "no rebuilt node looked for: " + e.getMessage());
                    return List.of();
                }
            }
            Optional<PeerFact> peer = peer(manager, node);
            if (peer.isPresent() && !peer.get().getState().equals(IN_CLUSTER)) {
                candidates.add(node);
            }
        }
        List<RebuiltNode> rebuilt = new ArrayList<>();
        for (String node : candidates) {
            PeerFact known = peer(manager, node).orElseThrow();
            List<GlusterdPeer> peers = new ArrayList<>();
            if (!manager.getGlusterdUuid().isEmpty()) {
                peers.add(GlusterdPeer.newBuilder().setUuid(manager.getGlusterdUuid()).setHostname(spec.manager()).build());
            }
            for (PeerFact other : manager.getPeersList()) {
                if (!other.getUuid().equals(known.getUuid())) {
                    peers.add(GlusterdPeer.newBuilder().setUuid(other.getUuid()).setHostname(other.getHostname()).build());
                }
            }
            ActionResult answer = reader.check(node, ActionRequest.newBuilder().setRestoreGlusterdIdentity(
                    RestoreGlusterdIdentity.newBuilder().setUuid(known.getUuid()).addAllPeers(peers)), requestedBy);
            switch (answer.getOutcome()) {
                case OUTCOME_WOULD_CHANGE -> rebuilt.add(new RebuiltNode(node, known.getUuid(), peers));
                case OUTCOME_REFUSED -> throw new ReplacementRefusedException("the pool lists " + node + " as "
                        + known.getUuid() + " (" + known.getState() + "), and " + node + " cannot take that identity"
                        + " back: " + answer.getSummary());
                default -> log.info(() -> node + " is " + known.getState() + " in the manager's pool but not a rebuilt"
                        + " node: " + answer.getSummary());
            }
        }
        return rebuilt;
    }

    /**
     * The last reports say the node is in the manager's pool and knows peers itself: no fresh read
     * needed (a rebuilt node's glusterd knows none). Without both reports, it cannot tell.
     */
    private boolean inPoolByReports(String manager, String node) {
        Optional<NodeReport> managers = lastReports.apply(manager);
        Optional<NodeReport> own = lastReports.apply(node);
        return managers.isPresent() && own.isPresent() && !own.get().getPeersList().isEmpty()
                && managers.get().getPeersList().stream().anyMatch(peer -> peer.getHostname().equalsIgnoreCase(node)
                        && peer.getState().equals(IN_CLUSTER));
    }

    private static Optional<PeerFact> peer(NodeFacts facts, String node) {
        return facts.getPeersList().stream().filter(peer -> peer.getHostname().equalsIgnoreCase(node)).findFirst();
    }

    /** Whether the brick's own node would take it back (an empty directory without any volume's id). */
    private boolean emptyAndNew(String volume, String brick, String requestedBy) throws VolumeReader.ReadFailedException {
        ActionResult answer = reader.check(Replacement.host(brick), ActionRequest.newBuilder().setResetBrick(
                ResetBrick.newBuilder().setVolume(volume).setBrick(Brick.newBuilder().setHost(Replacement.host(brick))
                        .setPath(Replacement.path(brick)))), requestedBy);
        if (answer.getOutcome() != Outcome.OUTCOME_WOULD_CHANGE) {
            log.info(() -> brick + " is offline and not taken back: " + answer.getSummary());
        }
        return answer.getOutcome() == Outcome.OUTCOME_WOULD_CHANGE;
    }

    private static List<String> set(VolumeState state, int index) {
        int replica = (int) state.getReplica();
        int first = index / replica * replica;
        return state.getBricksList().subList(first, Math.min(first + replica, state.getBricksCount()));
    }

    private static void requireOnePerSet(List<Replacement> replacements, Map<String, VolumeState> layouts)
            throws ReplacementRefusedException {
        Map<String, List<Replacement>> bySet = new LinkedHashMap<>();
        for (Replacement replacement : replacements) {
            bySet.computeIfAbsent(replacement.volume() + " " + replacement.replicaSet(), key -> new ArrayList<>())
                    .add(replacement);
        }
        for (List<Replacement> inOneSet : bySet.values()) {
            if (inOneSet.size() > 1) {
                throw new ReplacementRefusedException("volume " + inOneSet.get(0).volume() + ": " + String.join(" and ",
                        inOneSet.stream().map(Replacement::describe).toList()) + " are in one replica set ("
                        + String.join(" ", inOneSet.get(0).replicaSet()) + "); Brickwork brings back one brick of a set"
                        + " at a time, so that the set always keeps two good copies to heal from: bring one back, let it"
                        + " heal, then apply again for the next");
            }
        }
    }
}
