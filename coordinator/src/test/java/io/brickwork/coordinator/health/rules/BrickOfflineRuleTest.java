package io.brickwork.coordinator.health.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.health.facts.KnownFacts;
import io.brickwork.coordinator.health.facts.NodeObservation;
import io.brickwork.coordinator.health.problems.Problem;
import io.brickwork.coordinator.testing.Reports;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.ReportPart;
import io.brickwork.proto.agent.v1.UnreadPart;
import io.brickwork.proto.coordinator.v1.NodeState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BrickOfflineRuleTest {
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final long T0 = 1_700_000_000_000L;
    private static final String TIMED_OUT = "glusterd state (get-state): no answer within 3000 ms";
    private static final String BRICK = "node1:/gluster/brick";

    private static NodeReport bricksTimedOut() {
        return Reports.healthy("node1").toBuilder().clearBricks()
                .addUnread(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_BRICKS).setUnknown(true)
                        .setReason(TIMED_OUT))
                .build();
    }

    private static NodeObservation connected() {
        return new NodeObservation("node1", "s", true, "test", List.of("10.0.0.1"), T0, T0, Optional.empty(), 0);
    }

    private static BrickOfflineRule.BrickVerdict verdict(NodeState state, Optional<KnownFacts> facts, long now) {
        return BrickOfflineRule.verdict(new BrickOfflineRule.Input(Reports.VOLUME, "node1", Reports.BRICK,
                Optional.empty(), List.of("10.0.0.1"), state, facts), new Now(now, INTERVAL));
    }

    @Test
    void aBrickItsNodeReportsOnlineHasNoProblem() {
        KnownFacts facts = connected().reported(Reports.healthy("node1"), T0).facts().orElseThrow();

        BrickOfflineRule.BrickVerdict verdict = verdict(NodeState.NODE_STATE_CONNECTED, Optional.of(facts), T0);

        assertTrue(verdict.status().getOnline());
        assertEquals(Optional.empty(), verdict.problem());
        assertFalse(verdict.knownOffline());
    }

    @Test
    void aBrickOfADownNodeIsOfflineAndCountsAgainstQuorum() {
        BrickOfflineRule.BrickVerdict verdict = verdict(NodeState.NODE_STATE_DOWN, Optional.empty(), T0);

        assertEquals(Optional.of(Problem.brickOffline(Reports.VOLUME, "node1", BRICK, OptionalLong.empty())),
                verdict.problem());
        assertTrue(verdict.knownOffline());
    }

    @Test
    void aBrickOfANodeThatHasNotReportedYetIsUnknown() {
        BrickOfflineRule.BrickVerdict verdict = verdict(NodeState.NODE_STATE_CONNECTED, Optional.empty(), T0);

        assertEquals(Optional.of(Problem.brickNotReportedYet(Reports.VOLUME, "node1", BRICK)), verdict.problem());
        assertFalse(verdict.knownOffline());
    }

    @Test
    void aBrickNotReadKeepsItsLastKnownStateSayingHowLongAndWhy() {
        KnownFacts facts = connected().reported(Reports.healthy("node1"), T0)
                .reported(bricksTimedOut(), T0 + 5000).facts().orElseThrow();

        BrickOfflineRule.BrickVerdict verdict = verdict(NodeState.NODE_STATE_CONNECTED, Optional.of(facts), T0 + 5000);

        assertTrue(verdict.status().getOnline());
        assertEquals(Optional.of(Problem.brickStale(Reports.VOLUME, "node1", BRICK, 5, Optional.of(TIMED_OUT))),
                verdict.problem());
    }

    @Test
    void aLastKnownStateOlderThanThreeIntervalsIsUnknownNeverOffline() {
        KnownFacts facts = connected().reported(Reports.healthy("node1"), T0)
                .reported(bricksTimedOut(), T0 + 20_000).facts().orElseThrow();

        BrickOfflineRule.BrickVerdict verdict = verdict(NodeState.NODE_STATE_CONNECTED, Optional.of(facts),
                T0 + 20_000);

        assertEquals(Optional.of(Problem.brickTooOld(Reports.VOLUME, "node1", BRICK, OptionalLong.of(20),
                Optional.of(TIMED_OUT))), verdict.problem());
        assertTrue(verdict.status().getStateUnknown());
        assertFalse(verdict.knownOffline());
    }

    @Test
    void theBrickIsFoundUnderAnyOfItsNodesNamesInHealCounts() {
        BrickOfflineRule.BrickVerdict verdict = verdict(NodeState.NODE_STATE_DOWN, Optional.empty(), T0);

        assertEquals(List.of("node1:/gluster/brick", "10.0.0.1:/gluster/brick"), verdict.healKeys());
    }
}
