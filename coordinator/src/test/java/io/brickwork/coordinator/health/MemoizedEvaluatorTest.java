package io.brickwork.coordinator.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.brickwork.coordinator.health.facts.NodeObservation;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.testing.Reports;
import io.brickwork.proto.common.v1.MountState;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.ReportPart;
import io.brickwork.proto.agent.v1.UnreadPart;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.NodeState;
import io.brickwork.proto.coordinator.v1.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The memo gives again the status and the parts it computed for inputs that did not change:
 * whatever happens, and whenever, its status must be the one the rules compute anew.
 */
class MemoizedEvaluatorTest {
    private static final Duration INTERVAL = HealthModelTest.INTERVAL;

    private static NodeReport randomReport(String node, Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> Reports.brickOffline(node);
            case 1 -> Reports.heals(node, random.nextInt(3), random.nextInt(2));
            case 2 -> Reports.mount(node, MountState.forNumber(1 + random.nextInt(4)));
            case 3 -> Reports.healthy(node).toBuilder().clearBricks().clearHeals()
                    .addUnread(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_BRICKS).setUnknown(true)
                            .setReason("glusterd state (get-state): no answer"))
                    .addUnread(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_HEALS)
                            .setVolume(Reports.VOLUME).setUnknown(true).setReason("heal: no answer"))
                    .build();
            case 4 -> Reports.healthy(node).toBuilder().setGlusterdRunning(false).clearPeers()
                    .addUnread(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_PEERS)
                            .setUnknown(random.nextBoolean()).setReason("glusterd state (get-state): no answer"))
                    .build();
            default -> Reports.healthy(node);
        };
    }

    @Test
    void theMemoAgreesWithTheRulesAppliedAnewThroughReportsStreamsSpecsAndTime() {
        Random random = new Random(42);
        MemoizedEvaluator memo = new MemoizedEvaluator(INTERVAL);
        Map<String, NodeObservation> nodes = new TreeMap<>();
        Optional<ClusterSpec> spec = Optional.of(HealthModelTest.SPEC);
        long now = 1_700_000_000_000L;
        for (int step = 0; step < 4000; step++) {
            String node = HealthModelTest.NODES.get(random.nextInt(3));
            NodeObservation current = nodes.get(node);
            switch (random.nextInt(9)) {
                case 0 -> nodes.put(node, new NodeObservation(node, "s" + step, true, "test",
                        List.of("10.0.0." + node.charAt(4)), now, now, Optional.empty(), 0));
                case 1 -> {
                    if (current != null) {
                        nodes.put(node, current.closed());
                    }
                }
                case 2 -> now += random.nextInt((int) INTERVAL.toMillis() * 2);
                case 3 -> {
                    if (current != null) {
                        nodes.put(node, current.seen(now));
                    }
                }
                // Within a second or two: the "for N s" of stale parts and silent nodes moves on.
                case 6 -> now += random.nextInt(2500);
                case 7 -> spec = switch (random.nextInt(3)) {
                    case 0 -> Optional.of(HealthModelTest.SPEC);
                    case 1 -> Optional.of(ArbiterStatusTest.SPEC);
                    default -> Optional.empty();
                };
                default -> {
                    if (current != null && current.open()) {
                        nodes.put(node, current.reported(randomReport(node, random), now));
                    }
                }
            }
            GetStatusResponse status = memo.evaluate(spec, nodes.values(), now);
            assertEquals(StatusEvaluator.evaluate(spec, nodes.values(), now, INTERVAL), status, "step " + step);
            assertEquals(status.getProblemDetailsList().stream().map(Problem::getText).toList(),
                    status.getProblemsList(), "the plain problems are the typed problems' text");
        }
    }

    private static Map<String, NodeObservation> reporting(long now) {
        Map<String, NodeObservation> nodes = new TreeMap<>();
        for (String node : HealthModelTest.NODES) {
            nodes.put(node, new NodeObservation(node, "s-" + node, true, "test", List.of("10.0.0." + node.charAt(4)),
                    now, now, Optional.empty(), 0).reported(Reports.healthy(node), now));
        }
        return nodes;
    }

    @Test
    void nothingChangedGivesTheSameStatusAgain() {
        MemoizedEvaluator memo = new MemoizedEvaluator(INTERVAL);
        long now = 1_700_000_000_000L;
        Map<String, NodeObservation> nodes = reporting(now);
        Optional<ClusterSpec> spec = Optional.of(HealthModelTest.SPEC);

        assertSame(memo.evaluate(spec, nodes.values(), now), memo.evaluate(spec, nodes.values(), now + 1000));
    }

    @Test
    void theBricksAndMountsOfNodesThatDidNotChangeAreKeptWhenAnotherReported() {
        MemoizedEvaluator memo = new MemoizedEvaluator(INTERVAL);
        long now = 1_700_000_000_000L;
        Map<String, NodeObservation> nodes = reporting(now);
        Optional<ClusterSpec> spec = Optional.of(HealthModelTest.SPEC);
        GetStatusResponse before = memo.evaluate(spec, nodes.values(), now);

        nodes.put("node2", nodes.get("node2").reported(Reports.brickOffline("node2"), now + 100));
        GetStatusResponse after = memo.evaluate(spec, nodes.values(), now + 100);

        assertNotSame(before, after);
        assertSame(before.getVolumes(0).getBrickStatus(0), after.getVolumes(0).getBrickStatus(0));
        assertSame(before.getMounts(0), after.getMounts(0));
        assertNotSame(before.getVolumes(0).getBrickStatus(1), after.getVolumes(0).getBrickStatus(1));
    }

    @Test
    void timeAloneEndsTheStatusWhenANodeTurnsStale() {
        MemoizedEvaluator memo = new MemoizedEvaluator(INTERVAL);
        long now = 1_700_000_000_000L;
        Map<String, NodeObservation> nodes = reporting(now);
        Optional<ClusterSpec> spec = Optional.of(HealthModelTest.SPEC);
        long staleAt = now + 2 * INTERVAL.toMillis() + 1;

        assertSame(memo.evaluate(spec, nodes.values(), now), memo.evaluate(spec, nodes.values(), staleAt - 1));
        assertEquals(NodeState.NODE_STATE_STALE, memo.evaluate(spec, nodes.values(), staleAt).getNodes(0).getState());
    }
}
