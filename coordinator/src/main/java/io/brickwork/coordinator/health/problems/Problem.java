package io.brickwork.coordinator.health.problems;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.coordinator.v1.ProblemKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One thing not as specified: what ({@code kind}) and where ({@code node}, {@code volume},
 * {@code brick}), with the few facts its kind needs. The sentence for people is derived from it,
 * in {@link ProblemText} only; create problems with the factories, which say what each kind needs.
 *
 * @param node the node it concerns; for a peer disconnected, the node whose peer table says so
 * @param brick host:path, as in the spec
 * @param replicaSet for quorum lost: the bricks of the set
 * @param count entries pending heal, files in split-brain, or for quorum lost the bricks that may be online
 * @param seconds how long a node has been silent, or how old a value is
 * @param lastKnown the problem rests on a last known value, not on a fresh read
 * @param detail why a part could not be read, what the agent said, or what is mounted
 */
public record Problem(ProblemKind kind, String node, String volume, String brick, String mountPoint, String peer,
        List<String> replicaSet, long count, OptionalLong seconds, boolean lastKnown, Optional<String> detail) {
    private static final Set<ProblemKind> MOUNT_KINDS = EnumSet.of(ProblemKind.PROBLEM_KIND_NOT_MOUNTED,
            ProblemKind.PROBLEM_KIND_MOUNT_HUNG, ProblemKind.PROBLEM_KIND_MOUNT_WRONG_FS,
            ProblemKind.PROBLEM_KIND_MOUNT_WRONG_VOLUME, ProblemKind.PROBLEM_KIND_MOUNT_UNKNOWN);

    public Problem {
        requireNonNull(kind, "kind is null");
        requireNonNull(node, "node is null");
        requireNonNull(volume, "volume is null");
        requireNonNull(brick, "brick is null");
        requireNonNull(mountPoint, "mountPoint is null");
        requireNonNull(peer, "peer is null");
        replicaSet = List.copyOf(replicaSet);
        requireNonNull(seconds, "seconds is null");
        requireNonNull(detail, "detail is null");
    }

    private static Problem of(ProblemKind kind, String node, String volume, String brick) {
        return new Problem(kind, node, volume, brick, "", "", List.of(), 0, OptionalLong.empty(), false,
                Optional.empty());
    }

    private Problem with(OptionalLong newSeconds, boolean newLastKnown, Optional<String> newDetail) {
        return new Problem(kind, node, volume, brick, mountPoint, peer, replicaSet, count, newSeconds, newLastKnown,
                newDetail);
    }

    public static Problem nothingApplied() {
        return of(ProblemKind.PROBLEM_KIND_NOTHING_APPLIED, "", "", "");
    }

    public static Problem agentNotConnected(String node) {
        return of(ProblemKind.PROBLEM_KIND_AGENT_NOT_CONNECTED, node, "", "");
    }

    public static Problem nodeStale(String node, long silentSeconds) {
        return of(ProblemKind.PROBLEM_KIND_NODE_STALE, node, "", "")
                .with(OptionalLong.of(silentSeconds), false, Optional.empty());
    }

    /** Its stream is open, yet it has been silent long enough to count as down. */
    public static Problem nodeNotReporting(String node, long silentSeconds) {
        return of(ProblemKind.PROBLEM_KIND_NODE_NOT_REPORTING, node, "", "")
                .with(OptionalLong.of(silentSeconds), false, Optional.empty());
    }

    /** @param lastReadSecondsAgo present when "not running" is the last known state, not a fresh read */
    public static Problem glusterdNotRunning(String node, OptionalLong lastReadSecondsAgo) {
        return of(ProblemKind.PROBLEM_KIND_GLUSTERD_NOT_RUNNING, node, "", "")
                .with(lastReadSecondsAgo, lastReadSecondsAgo.isPresent(), Optional.empty());
    }

    /** @param notReadSeconds empty when it was never read on this connection */
    public static Problem glusterdUnknown(String node, OptionalLong notReadSeconds) {
        return of(ProblemKind.PROBLEM_KIND_GLUSTERD_UNKNOWN, node, "", "")
                .with(notReadSeconds, false, Optional.empty());
    }

    public static Problem peerDisconnected(String seenFrom, String peer) {
        return new Problem(ProblemKind.PROBLEM_KIND_PEER_DISCONNECTED, seenFrom, "", "", "", peer, List.of(), 0,
                OptionalLong.empty(), false, Optional.empty());
    }

    public static Problem agentError(String node, String error) {
        return of(ProblemKind.PROBLEM_KIND_AGENT_ERROR, node, "", "")
                .with(OptionalLong.empty(), false, Optional.of(error));
    }

    /** @param lastReadSecondsAgo present when "offline" is the last known state, not a fresh read */
    public static Problem brickOffline(String volume, String node, String brick, OptionalLong lastReadSecondsAgo) {
        return of(ProblemKind.PROBLEM_KIND_BRICK_OFFLINE, node, volume, brick)
                .with(lastReadSecondsAgo, lastReadSecondsAgo.isPresent(), Optional.empty());
    }

    /** Its node is up but has not sent a report yet. */
    public static Problem brickNotReportedYet(String volume, String node, String brick) {
        return of(ProblemKind.PROBLEM_KIND_BRICK_UNKNOWN, node, volume, brick);
    }

    /** Its node could not read it, and never could on this connection. */
    public static Problem brickNeverRead(String volume, String node, String brick, String why) {
        return of(ProblemKind.PROBLEM_KIND_BRICK_UNKNOWN, node, volume, brick)
                .with(OptionalLong.empty(), false, Optional.of(why));
    }

    /**
     * Its last known state is too old to count.
     *
     * @param notReadSeconds empty when it was never read on this connection
     * @param why empty when the node did not say
     */
    public static Problem brickTooOld(String volume, String node, String brick, OptionalLong notReadSeconds,
            Optional<String> why) {
        return of(ProblemKind.PROBLEM_KIND_BRICK_UNKNOWN, node, volume, brick).with(notReadSeconds, true, why);
    }

    /** @param why empty when the node did not say */
    public static Problem brickStale(String volume, String node, String brick, long notReadSeconds,
            Optional<String> why) {
        return of(ProblemKind.PROBLEM_KIND_BRICK_STALE, node, volume, brick)
                .with(OptionalLong.of(notReadSeconds), true, why);
    }

    public static Problem healPending(String volume, String node, String brick, long entries, boolean lastKnown) {
        return new Problem(ProblemKind.PROBLEM_KIND_HEAL_PENDING, node, volume, brick, "", "", List.of(), entries,
                OptionalLong.empty(), lastKnown, Optional.empty());
    }

    public static Problem splitBrain(String volume, String node, String brick, long files, boolean lastKnown) {
        return new Problem(ProblemKind.PROBLEM_KIND_SPLIT_BRAIN, node, volume, brick, "", "", List.of(), files,
                OptionalLong.empty(), lastKnown, Optional.empty());
    }

    public static Problem quorumLost(String volume, List<String> replicaSet, long possiblyOnline) {
        return new Problem(ProblemKind.PROBLEM_KIND_QUORUM_LOST, "", volume, "", "", "", replicaSet, possiblyOnline,
                OptionalLong.empty(), false, Optional.empty());
    }

    /**
     * A node's mount of a volume that is not the volume.
     *
     * @param kind one of the mount kinds
     * @param source what is mounted there, as the agent saw it; may be empty
     */
    public static Problem mount(ProblemKind kind, String node, String volume, String mountPoint, String source) {
        if (!MOUNT_KINDS.contains(kind)) {
            throw new IllegalArgumentException("not a kind of mount problem: " + kind);
        }
        return new Problem(kind, node, volume, "", mountPoint, "", List.of(), 0, OptionalLong.empty(), false,
                source.isEmpty() ? Optional.empty() : Optional.of(source));
    }
}
