package io.brickwork.coordinator.health.rules;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.health.facts.KnownFacts;
import io.brickwork.coordinator.health.problems.Problem;
import io.brickwork.proto.agent.v1.BrickReport;
import io.brickwork.proto.coordinator.v1.BrickStatus;
import io.brickwork.proto.coordinator.v1.NodeState;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Whether a brick is online, as the node that holds it reports it. A brick is offline when its
 * node says so, leaves it out of a table it did read, or is DOWN. When the node could not read
 * its bricks, the last known state stands, marked stale, while it counts; after that, or when
 * there never was one, the state is unknown. Unknown is never offline: it degrades the volume
 * but does not count against quorum.
 */
public final class BrickOfflineRule {
    private BrickOfflineRule() {}

    /**
     * One brick of one volume.
     *
     * @param path the brick's directory on its node: the volume's brick, or its arbiter brick's path
     * @param specHost the node's address in the spec's hosts, if any
     * @param addresses the addresses the node's agent announced
     * @param facts what the node reported; empty when it is DOWN or has not reported yet
     */
    public record Input(String volume, String node, String path, Optional<String> specHost, List<String> addresses,
            NodeState state, Optional<KnownFacts> facts) {
        public Input {
            requireNonNull(volume, "volume is null");
            requireNonNull(node, "node is null");
            requireNonNull(path, "path is null");
            requireNonNull(specHost, "specHost is null");
            addresses = List.copyOf(addresses);
            requireNonNull(state, "state is null");
            requireNonNull(facts, "facts is null");
        }

        public String brick() {
            return node + ":" + path;
        }
    }

    /**
     * @param status the brick's status but for its heal counts, which come from every node
     * @param knownOffline offline for a fact, so that it counts against quorum
     * @param healKeys the names gluster may give the brick in heal counts ("host:path", host one of the node's names)
     */
    public record BrickVerdict(BrickStatus status, boolean knownOffline, Optional<Problem> problem,
            List<String> healKeys) {}

    public static BrickVerdict verdict(Input in, Now now) {
        Set<String> aliases = aliases(in);
        String brick = in.brick();
        Optional<BrickReport> reported = Optional.empty();
        Optional<Problem> unknown = Optional.empty();
        Optional<String> unreadWhy = Optional.empty();
        long readMillis = 0;
        boolean stale = false;
        if (in.facts().isEmpty()) {
            if (in.state() != NodeState.NODE_STATE_DOWN) {
                unknown = Optional.of(Problem.brickNotReportedYet(in.volume(), in.node(), brick));
            }
        } else {
            KnownFacts facts = in.facts().get();
            unreadWhy = facts.bricksUnread();
            reported = facts.report().getBricksList().stream()
                    .filter(b -> b.getVolume().equals(in.volume()) && sameBrick(b.getBrick(), in.path(), aliases))
                    .findFirst();
            if (reported.isPresent()) {
                readMillis = facts.brickReadMillis(reported.get());
                stale = facts.brickStale(reported.get());
                if (stale && !now.counts(readMillis)) {
                    reported = Optional.empty();
                    unknown = Optional.of(Problem.brickTooOld(in.volume(), in.node(), brick,
                            readMillis <= 0 ? OptionalLong.empty() : OptionalLong.of(now.secondsSince(readMillis)),
                            unreadWhy));
                }
            } else if (unreadWhy.isPresent()) {
                stale = true;
                unknown = Optional.of(Problem.brickNeverRead(in.volume(), in.node(), brick, unreadWhy.get()));
            }
        }
        BrickStatus.Builder status = BrickStatus.newBuilder().setBrick(brick).setNode(in.node());
        reported.ifPresent(b -> status.setOnline(b.getOnline()).setPort(b.getPort()).setPid(b.getPid()));
        status.setStateStale(stale).setStateReadUnixMs(stale && reported.isPresent() ? readMillis : 0)
                .setStateUnknown(unknown.isPresent());
        boolean online = reported.map(BrickReport::getOnline).orElse(false);
        Optional<Problem> problem = unknown;
        if (unknown.isEmpty() && !online) {
            problem = Optional.of(Problem.brickOffline(in.volume(), in.node(), brick,
                    stale ? OptionalLong.of(now.secondsSince(readMillis)) : OptionalLong.empty()));
        } else if (unknown.isEmpty() && stale) {
            problem = Optional.of(Problem.brickStale(in.volume(), in.node(), brick, now.secondsSince(readMillis),
                    unreadWhy));
        }
        List<String> healKeys = aliases.stream().map(alias -> alias + ":" + in.path()).toList();
        return new BrickVerdict(status.build(), !online && unknown.isEmpty(), problem, healKeys);
    }

    /** The names a node's bricks may carry in gluster's output: its node name and its addresses. */
    private static Set<String> aliases(Input in) {
        Set<String> aliases = new LinkedHashSet<>();
        aliases.add(in.node());
        in.specHost().ifPresent(aliases::add);
        aliases.addAll(in.addresses());
        return aliases;
    }

    private static boolean sameBrick(String reported, String path, Set<String> hostAliases) {
        int colon = reported.lastIndexOf(':');
        if (colon < 0) {
            return reported.equals(path);
        }
        return reported.substring(colon + 1).equals(path) && hostAliases.contains(reported.substring(0, colon));
    }
}
