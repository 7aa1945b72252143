package io.brickwork.coordinator.health.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.coordinator.health.facts.KnownFacts;
import io.brickwork.coordinator.health.facts.NodeObservation;
import io.brickwork.coordinator.health.problems.Problem;
import io.brickwork.coordinator.health.rules.HealBacklogRule.HealCounts;
import io.brickwork.coordinator.testing.Reports;
import io.brickwork.proto.agent.v1.NodeReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealBacklogRuleTest {
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final long T0 = 1_700_000_000_000L;
    private static final String BRICK = "node2:/gluster/brick";

    private static KnownFacts facts(String node, NodeReport report) {
        return new NodeObservation(node, "s", true, "test", List.of(), T0, T0, Optional.empty(), 0)
                .reported(report, T0).facts().orElseThrow();
    }

    @Test
    void aBricksCountsAreTheHighestAnyNodeReportedUnderAnyOfItsNames() {
        NodeReport byAddress = Reports.heals("node2", 0, 0).toBuilder()
                .setHeals(0, Reports.heals("node2", 0, 0).getHeals(0).toBuilder().setBrick("10.0.0.2:/gluster/brick")
                        .setPending(9))
                .build();
        Map<String, HealCounts> index = HealBacklogRule.index(Reports.VOLUME, List.of(facts("node1",
                Reports.heals("node2", 4, 1)), facts("node3", byAddress)), new Now(T0, INTERVAL));

        assertEquals(new HealCounts(9, 1, false),
                HealBacklogRule.counts(index, List.of(BRICK, "10.0.0.2:/gluster/brick")));
    }

    @Test
    void pendingEntriesAndSplitBrainAreTwoProblems() {
        assertEquals(List.of(Problem.healPending(Reports.VOLUME, "node2", BRICK, 9, false),
                Problem.splitBrain(Reports.VOLUME, "node2", BRICK, 1, false)),
                HealBacklogRule.problems(Reports.VOLUME, "node2", BRICK, new HealCounts(9, 1, false)));
        assertEquals(List.of(), HealBacklogRule.problems(Reports.VOLUME, "node2", BRICK, new HealCounts(0, 0, true)));
    }
}
