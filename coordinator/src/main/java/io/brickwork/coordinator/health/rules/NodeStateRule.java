package io.brickwork.coordinator.health.rules;

import io.brickwork.coordinator.health.facts.NodeObservation;
import io.brickwork.coordinator.health.problems.Problem;
import io.brickwork.proto.coordinator.v1.NodeState;
import java.util.Optional;

/**
 * Whether a node's agent is there: CONNECTED while reports arrive, STALE after two report
 * intervals without one, DOWN after three or when its stream is gone. A down node's last report
 * is not evidence of anything.
 */
public final class NodeStateRule {
    private static final int STALE_AFTER_INTERVALS = 2;
    private static final int DOWN_AFTER_INTERVALS = 3;

    private NodeStateRule() {}

    public static NodeState state(Optional<NodeObservation> observation, Now now) {
        if (observation.isEmpty() || !observation.get().open()) {
            return NodeState.NODE_STATE_DOWN;
        }
        long start = observation.get().reportClockStartMillis();
        if (now.moreThanIntervalsSince(DOWN_AFTER_INTERVALS, start)) {
            return NodeState.NODE_STATE_DOWN;
        }
        if (now.moreThanIntervalsSince(STALE_AFTER_INTERVALS, start)) {
            return NodeState.NODE_STATE_STALE;
        }
        return NodeState.NODE_STATE_CONNECTED;
    }

    /** The problem of a node that is not CONNECTED; empty for one that is. */
    public static Optional<Problem> problem(String node, Optional<NodeObservation> observation, NodeState state,
            Now now) {
        return switch (state) {
            case NODE_STATE_DOWN -> Optional.of(observation.isPresent() && observation.get().open()
                    ? Problem.nodeNotReporting(node, silentSeconds(observation.get(), now))
                    : Problem.agentNotConnected(node));
            case NODE_STATE_STALE -> Optional.of(Problem.nodeStale(node, silentSeconds(observation.get(), now)));
            default -> Optional.empty();
        };
    }

    private static long silentSeconds(NodeObservation observation, Now now) {
        return now.secondsSince(observation.reportClockStartMillis());
    }
}
