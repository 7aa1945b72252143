package io.brickwork.coordinator.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.proto.agent.v1.BrickHealFact;
import io.brickwork.proto.agent.v1.VolumeState;
import io.brickwork.proto.coordinator.v1.StepReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShrinkTest {
    private static final List<String> SIX = List.of("node1:/b", "node2:/b", "node3:/b", "node4:/b", "node5:/b",
            "node6:/b");

    @Test
    void aSpecThatKeepsSomeWholeSetsShrinksTheVolumeByTheOthers() {
        List<Shrink> shrinks = ShrinkFinder.find(spec("node4, node5, node6"), Map.of("gfs", layout(SIX)));

        assertEquals(List.of(new Shrink("gfs", SIX, List.of("node1:/b", "node2:/b", "node3:/b"), 3)), shrinks);
        assertEquals("shrink gfs from 2 x 3 to 1 x 3", shrinks.get(0).describe());
    }

    @Test
    void keepingTheFirstSetRemovesTheSecond() {
        List<Shrink> shrinks = ShrinkFinder.find(spec("node1, node2, node3"), Map.of("gfs", layout(SIX)));

        assertEquals(List.of("node4:/b", "node5:/b", "node6:/b"), shrinks.get(0).removed());
    }

    @Test
    void aSetSplitAcrossTheSpecIsNoShrink() {
        assertEquals(List.of(), ShrinkFinder.find(spec("node1, node2, node6"), Map.of("gfs", layout(SIX))));
    }

    @Test
    void theSameLayoutIsNoShrink() {
        assertEquals(List.of(), ShrinkFinder.find(spec("node1, node2, node3, node4, node5, node6"),
                Map.of("gfs", layout(SIX))));
    }

    @Test
    void anOfflineBrickRefusesTheShrink() {
        Shrink shrink = ShrinkFinder.find(spec("node1, node2, node3"), Map.of("gfs", layout(SIX))).get(0);
        VolumeState state = layout(SIX).toBuilder().addAllOnlineBricks(SIX.subList(0, 5))
                .setHealUnread("not read: node6:/b offline").build();

        assertTrue(LayoutSafety.check(shrink, state).orElseThrow().contains("before shrinking it"));
    }

    @Test
    void pendingHealRefusesTheShrink() {
        Shrink shrink = ShrinkFinder.find(spec("node1, node2, node3"), Map.of("gfs", layout(SIX))).get(0);
        VolumeState.Builder state = layout(SIX).toBuilder().addAllOnlineBricks(SIX);
        SIX.forEach(brick -> state.addHeals(BrickHealFact.newBuilder().setBrick(brick).setConnected(true)
                .setPending(brick.startsWith("node5") ? 3 : 0)));

        assertTrue(LayoutSafety.check(shrink, state.build()).orElseThrow().contains("is healing (3 entries pending)"));
    }

    @Test
    void thePlanShowsWhatTheCommitWaitsFor() {
        ClusterSpec spec = spec("node1, node2, node3");
        Shrink shrink = ShrinkFinder.find(spec, Map.of("gfs", layout(SIX))).get(0);

        List<StepReport> steps = GrowthSteps.describeShrinks(spec, List.of(shrink));

        assertEquals(List.of("remove-brick-start:gfs", "migration:gfs", "remove-brick-commit:gfs"),
                steps.stream().map(StepReport::getStep).toList());
        assertTrue(steps.get(0).getSummary().contains("before 2 x 3 [node1:/b (a) node2:/b (b) node3:/b (c)]"
                + " [node4:/b (a) node5:/b (b) node6:/b (c)]; after 1 x 3 [node1:/b (a) node2:/b (b) node3:/b (c)]"),
                steps.get(0).getSummary());
        assertTrue(steps.get(2).getSummary().contains("migration completed with 0 failures"), steps.get(2).getSummary());
    }

    @Test
    void aSpecWithOneCopyFewerInEverySetLowersTheReplicaCount() {
        ClusterSpec spec = SpecParser.parse("""
                cluster { name = prod, nodes = [node1, node2, node3, node4, node5, node6] }
                volumes = [{ name = gfs, replica = 2, brick = /b, nodes = [node1, node2, node4, node6] }]
                """, "test.conf");

        List<Shrink> shrinks = ShrinkFinder.find(spec, Map.of("gfs", layout(SIX)));

        assertEquals(List.of(new Shrink("gfs", SIX, List.of("node3:/b", "node5:/b"), 3, 2)), shrinks);
        assertEquals("lower the replica count of gfs from 2 x 3 to 2 x 2", shrinks.get(0).describe());
        assertEquals(List.of("remove-brick-replica:gfs"),
                GrowthSteps.describeShrinks(spec, shrinks).stream().map(StepReport::getStep).toList());
    }

    @Test
    void twoCopiesFewerIsNoShrink() {
        ClusterSpec spec = SpecParser.parse("""
                cluster { name = prod, nodes = [node1, node2, node3, node4, node5, node6] }
                volumes = [{ name = gfs, replica = 1, brick = /b, nodes = [node1, node4] }]
                """, "test.conf");

        assertEquals(List.of(), ShrinkFinder.find(spec, Map.of("gfs", layout(SIX))));
    }

    private static ClusterSpec spec(String volumeNodes) {
        return SpecParser.parse("""
                cluster {
                  name = prod
                  nodes = [node1, node2, node3, node4, node5, node6]
                  zones { node1 = a, node2 = b, node3 = c, node4 = a, node5 = b, node6 = c }
                }
                volumes = [{ name = gfs, replica = 3, brick = /b, nodes = [%s] }]
                """.formatted(volumeNodes), "test.conf");
    }

    private static VolumeState layout(List<String> bricks) {
        return VolumeState.newBuilder().setExists(true).setReplica(3).addAllBricks(bricks).build();
    }
}
