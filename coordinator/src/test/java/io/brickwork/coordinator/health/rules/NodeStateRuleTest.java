package io.brickwork.coordinator.health.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.coordinator.health.facts.NodeObservation;
import io.brickwork.coordinator.health.problems.Problem;
import io.brickwork.coordinator.testing.Reports;
import io.brickwork.proto.coordinator.v1.NodeState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeStateRuleTest {
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final long T0 = 1_700_000_000_000L;
    private static final Optional<NodeObservation> REPORTED = Optional.of(new NodeObservation("node2", "s", true,
            "test", List.of(), T0, T0, Optional.empty(), 0).reported(Reports.healthy("node2"), T0));

    private static NodeState stateAt(Optional<NodeObservation> observation, long millis) {
        return NodeStateRule.state(observation, new Now(millis, INTERVAL));
    }

    @Test
    void aNodeIsConnectedForTwoIntervalsAfterItsReportStaleForOneMoreThenDown() {
        assertEquals(NodeState.NODE_STATE_CONNECTED, stateAt(REPORTED, T0 + 10_000));
        assertEquals(NodeState.NODE_STATE_STALE, stateAt(REPORTED, T0 + 10_001));
        assertEquals(NodeState.NODE_STATE_STALE, stateAt(REPORTED, T0 + 15_000));
        assertEquals(NodeState.NODE_STATE_DOWN, stateAt(REPORTED, T0 + 15_001));
    }

    @Test
    void aClosedStreamOrNoneIsDownAtOnce() {
        assertEquals(NodeState.NODE_STATE_DOWN, stateAt(REPORTED.map(NodeObservation::closed), T0));
        assertEquals(NodeState.NODE_STATE_DOWN, stateAt(Optional.empty(), T0));
    }

    @Test
    void theProblemSaysHowLongTheNodeHasBeenSilentAndWhetherItsStreamIsOpen() {
        Now now = new Now(T0 + 16_500, INTERVAL);

        assertEquals(Optional.of(Problem.nodeNotReporting("node2", 16)),
                NodeStateRule.problem("node2", REPORTED, NodeState.NODE_STATE_DOWN, now));
        assertEquals(Optional.of(Problem.nodeStale("node2", 16)),
                NodeStateRule.problem("node2", REPORTED, NodeState.NODE_STATE_STALE, now));
        assertEquals(Optional.of(Problem.agentNotConnected("node2")), NodeStateRule.problem("node2",
                REPORTED.map(NodeObservation::closed), NodeState.NODE_STATE_DOWN, now));
        assertEquals(Optional.empty(), NodeStateRule.problem("node2", REPORTED, NodeState.NODE_STATE_CONNECTED, now));
    }
}
