package io.brickwork.coordinator.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.coordinator.testing.Reports;
import io.brickwork.proto.agent.v1.MountState;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.ReportPart;
import io.brickwork.proto.agent.v1.UnreadPart;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The evaluator reuses the parts it built for observations that did not change: whatever
 * happens, and whenever, its status must be the one a fresh evaluator computes.
 */
class StatusEvaluatorReuseTest {
    private static final Duration INTERVAL = HealthModelTest.INTERVAL;

    private static NodeReport randomReport(String node, Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> Reports.brickOffline(node);
            case 1 -> Reports.heals(node, random.nextInt(3), random.nextInt(2));
            case 2 -> Reports.mount(node, MountState.forNumber(1 + random.nextInt(4)));
            case 3 -> Reports.healthy(node).toBuilder().clearBricks().clearHeals()
                    .addUnread(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_BRICKS).setTimedOut(true)
                            .setReason("volume status: no answer"))
                    .addUnread(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_HEALS)
                            .setVolume(Reports.VOLUME).setTimedOut(true).setReason("heal: no answer"))
                    .build();
            case 4 -> Reports.healthy(node).toBuilder().setGlusterdRunning(false).clearPeers()
                    .addUnread(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_PEERS)
                            .setTimedOut(random.nextBoolean()).setReason("peer status: no answer"))
                    .build();
            default -> Reports.healthy(node);
        };
    }

    @Test
    void aReusedEvaluatorAgreesWithAFreshOneThroughReportsStreamsAndTime() {
        Random random = new Random(42);
        StatusEvaluator reused = new StatusEvaluator();
        Map<String, NodeObservation> nodes = new TreeMap<>();
        long now = 1_700_000_000_000L;
        for (int step = 0; step < 2000; step++) {
            String node = HealthModelTest.NODES.get(random.nextInt(3));
            NodeObservation current = nodes.get(node);
            switch (random.nextInt(6)) {
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
                default -> {
                    if (current != null && current.open()) {
                        nodes.put(node, current.reported(randomReport(node, random), now));
                    }
                }
            }
            Optional<io.brickwork.coordinator.spec.ClusterSpec> spec = Optional.of(HealthModelTest.SPEC);
            assertEquals(new StatusEvaluator().evaluate(spec, nodes.values(), now, INTERVAL),
                    reused.evaluate(spec, nodes.values(), now, INTERVAL), "step " + step);
        }
    }
}
