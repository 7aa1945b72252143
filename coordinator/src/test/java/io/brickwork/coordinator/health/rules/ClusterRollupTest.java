package io.brickwork.coordinator.health.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.coordinator.health.problems.Problem;
import io.brickwork.proto.coordinator.v1.Health;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ClusterRollupTest {
    private static final Problem OFFLINE = Problem.brickOffline("v", "n1", "n1:/b", OptionalLong.empty());

    @Test
    void noProblemIsHealthy() {
        assertEquals(Health.HEALTH_HEALTHY, ClusterRollup.health(List.of()));
    }

    @Test
    void anyProblemDegrades() {
        assertEquals(Health.HEALTH_DEGRADED, ClusterRollup.health(List.of(OFFLINE, Problem.agentNotConnected("n1"))));
    }

    @Test
    void quorumLostOrSplitBrainFails() {
        assertEquals(Health.HEALTH_FAILED, ClusterRollup.health(List.of(OFFLINE,
                Problem.quorumLost("v", List.of("n1:/b", "n2:/b", "n3:/b"), 1))));
        assertEquals(Health.HEALTH_FAILED, ClusterRollup.health(List.of(Problem.splitBrain("v", "n1", "n1:/b", 1,
                false))));
    }
}
