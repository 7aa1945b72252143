package io.brickwork.coordinator.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.proto.agent.v1.BrickHealFact;
import io.brickwork.proto.agent.v1.RebalanceState;
import io.brickwork.proto.agent.v1.VolumeState;
import io.brickwork.proto.coordinator.v1.StepReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Finding a growth in the spec, its safety rules, and how a plan shows it. */
class GrowthTest {
    private static final List<String> THREE = List.of("node1:/b", "node2:/b", "node3:/b");
    private static final ClusterSpec GROWN = SpecParser.parse("""
            cluster {
              name = prod
              nodes = [node1, node2, node3, node4, node5, node6]
              zones { node1 = a, node2 = b, node3 = c, node4 = a, node5 = a, node6 = b }
              allow-shared-zones = true
            }
            volumes = [{ name = gfs, replica = 3, brick = /b, force = true }]
            """, "test.conf");

    @Test
    void aSpecThatAppendsWholeSetsToTheVolumesBricksGrowsIt() {
        List<Growth> growths = GrowthFinder.find(GROWN, Map.of("gfs", layout(THREE, 3)));

        assertEquals(List.of(new Growth("gfs", THREE, List.of("node4:/b", "node5:/b", "node6:/b"), 3, 0, true)), growths);
        assertEquals("grow gfs from 1 x 3 to 2 x 3", growths.get(0).describe());
        assertEquals(List.of("node4", "node5", "node6"), growths.get(0).newHosts());
    }

    @Test
    void theSameLayoutIsNoGrowth() {
        assertEquals(List.of(), GrowthFinder.find(GROWN, Map.of("gfs", layout(GROWN.volumes().get(0).allBricks(), 3))));
    }

    @Test
    void anotherReplicaCountIsNoGrowth() {
        assertEquals(List.of(), GrowthFinder.find(GROWN, Map.of("gfs", layout(List.of("node1:/b", "node2:/b"), 2))));
    }

    @Test
    void bricksThatAreNotTheSpecsFirstOnesAreNoGrowth() {
        assertEquals(List.of(), GrowthFinder.find(GROWN, Map.of("gfs",
                layout(List.of("node1:/b", "node2:/b", "node9:/b"), 3))));
    }

    @Test
    void aVolumeNotCreatedYetIsNoGrowth() {
        assertEquals(List.of(), GrowthFinder.find(GROWN, Map.of("gfs", VolumeState.newBuilder().setExists(false).build())));
    }

    @Test
    void aHealedVolumeWithEveryBrickOnlineMayGrow() {
        assertEquals(Optional.empty(), LayoutSafety.check(growth(), healthy().build()));
    }

    @Test
    void anOfflineBrickRefusesTheGrowth() {
        VolumeState state = healthy().clearOnlineBricks().addOnlineBricks("node1:/b").addOnlineBricks("node3:/b")
                .clearHeals().setHealUnread("not read: node2:/b offline").build();

        String refusal = LayoutSafety.check(growth(), state).orElseThrow();

        assertTrue(refusal.contains("offline bricks (node2:/b)"), refusal);
    }

    @Test
    void pendingHealRefusesTheGrowth() {
        VolumeState state = healthy().setHeals(1, BrickHealFact.newBuilder().setBrick("node2:/b").setConnected(true)
                .setPending(7)).build();

        assertTrue(LayoutSafety.check(growth(), state).orElseThrow().contains("is healing (7 entries pending)"));
    }

    @Test
    void splitBrainRefusesTheGrowth() {
        VolumeState state = healthy().setHeals(0, BrickHealFact.newBuilder().setBrick("node1:/b").setConnected(true)
                .setSplitBrain(1)).build();

        assertTrue(LayoutSafety.check(growth(), state).orElseThrow().contains("split-brain"));
    }

    @Test
    void aRunningRebalanceRefusesTheGrowth() {
        VolumeState state = healthy().setRebalance(RebalanceState.newBuilder().setStarted(true)
                .setStatus("in progress").setTaskId("t1")).build();

        assertTrue(LayoutSafety.check(growth(), state).orElseThrow().contains("rebalance of gfs is running"));
    }

    @Test
    void bricksOtherThanPlannedOnRefuseTheGrowth() {
        VolumeState state = healthy().setBricks(2, "node9:/b").build();

        assertTrue(LayoutSafety.check(growth(), state).orElseThrow().contains("not the 3 the change was planned on"));
    }

    @Test
    void thePlanShowsTheLayoutBeforeAndAfterWithTheZoneOfEveryBrick() {
        List<StepReport> steps = GrowthSteps.describe(GROWN, List.of(growth()));

        assertEquals(List.of("add-brick:gfs", "rebalance-start:gfs", "rebalance:gfs"),
                steps.stream().map(StepReport::getStep).toList());
        String addBrick = steps.get(0).getSummary();
        assertTrue(addBrick.contains("before 1 x 3 [node1:/b (a) node2:/b (b) node3:/b (c)]"), addBrick);
        assertTrue(addBrick.contains("after 2 x 3 [node1:/b (a) node2:/b (b) node3:/b (c)]"
                + " [node4:/b (a) node5:/b (a) node6:/b (b)]"), addBrick);
        assertTrue(steps.get(2).getSummary().contains("completed with 0 failures"), steps.get(2).getSummary());
    }

    @Test
    void aSpecWithOneMoreCopyInEverySetRaisesTheReplicaCount() {
        ClusterSpec spec = SpecParser.parse("""
                cluster { name = prod, nodes = [node1, node2, node3, node4, node5, node6] }
                volumes = [{ name = gfs, replica = 3, brick = /b, nodes = [node1, node2, node5, node3, node4, node6] }]
                """, "test.conf");
        VolumeState state = VolumeState.newBuilder().setExists(true).setReplica(2)
                .addAllBricks(List.of("node1:/b", "node2:/b", "node3:/b", "node4:/b")).build();

        List<Growth> growths = GrowthFinder.find(spec, Map.of("gfs", state));

        assertEquals(List.of(new Growth("gfs", state.getBricksList(), List.of("node5:/b", "node6:/b"), 3, 0, false,
                true)), growths);
        assertEquals("raise the replica count of gfs from 2 x 2 to 2 x 3", growths.get(0).describe());
        assertEquals(spec.volumes().get(0).allBricks(), growths.get(0).after());
        assertEquals(List.of("add-brick:gfs", "heal:gfs"),
                GrowthSteps.describe(spec, growths).stream().map(StepReport::getStep).toList());
    }

    private static Growth growth() {
        return GrowthFinder.find(GROWN, Map.of("gfs", layout(THREE, 3))).get(0);
    }

    private static VolumeState.Builder healthy() {
        VolumeState.Builder state = layout(THREE, 3).toBuilder().addAllOnlineBricks(THREE);
        THREE.forEach(brick -> state.addHeals(BrickHealFact.newBuilder().setBrick(brick).setConnected(true)));
        return state.setRebalance(RebalanceState.newBuilder().setStarted(true).setStatus("completed"));
    }

    private static VolumeState layout(List<String> bricks, int replica) {
        return VolumeState.newBuilder().setExists(true).setReplica(replica).addAllBricks(bricks).build();
    }
}
