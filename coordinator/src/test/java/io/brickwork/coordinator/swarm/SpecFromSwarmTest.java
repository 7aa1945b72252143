package io.brickwork.coordinator.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.plan.Plan;
import io.brickwork.coordinator.plan.Planner;
import io.brickwork.coordinator.spec.ArbiterBrickSpec;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.spec.SpecRenderer;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.proto.agent.v1.EnsureVolume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecFromSwarmTest {
    private static List<SwarmNode> swarm(int count, int leader) {
        List<SwarmNode> nodes = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            nodes.add(new SwarmNode("id" + k, 1, "node" + k, "10.0.0." + k, k == leader, k == leader, true, Map.of()));
        }
        return nodes;
    }

    private static ClusterSpec parsed(List<SwarmNode> nodes) {
        return SpecParser.parse(SpecFromSwarm.render(nodes, "swarm", "swarm-gfs"), "init");
    }

    @Test
    void aNewClusterGetsGlusterTlsOnItsManagementAndIoPaths() {
        ClusterSpec spec = parsed(swarm(3, 2));

        assertTrue(spec.tls());
        assertTrue(spec.volumes().get(0).tls());
    }

    @Test
    void threeNodesGiveReplicaThreeWithTheLeaderAsManagerAndTheAdvertisedAddresses() {
        ClusterSpec spec = parsed(swarm(3, 2));

        assertEquals("node2", spec.manager());
        assertEquals(List.of("node2", "node1", "node3"), spec.nodes());
        assertEquals(Map.of("node1", "10.0.0.1", "node2", "10.0.0.2", "node3", "10.0.0.3"), spec.hosts());
        assertEquals(3, spec.volumes().get(0).replica());
        assertEquals("swarm-gfs", spec.volumes().get(0).name());
    }

    @Test
    void replicaStaysThreeAsTheSwarmGrowsAndTheCommentSaysWhy() {
        String text = SpecFromSwarm.render(swarm(6, 1), "swarm", "swarm-gfs");

        assertEquals(3, SpecParser.parse(text, "init").volumes().get(0).replica());
        assertTrue(text.contains("writes every\n  # file to every node"), text);
    }

    @Test
    void nodesBeyondWholeReplicaSetsMountButHoldNoBrick() {
        ClusterSpec spec = parsed(swarm(4, 1));

        assertEquals(4, spec.nodes().size());
        assertEquals(List.of("node1", "node2", "node3"), spec.volumes().get(0).nodes());
    }

    @Test
    void twoNodesGiveTwoDataBricksAndAnArbiterBrickOnTheLeader() {
        VolumeSpec volume = parsed(swarm(2, 2)).volumes().get(0);

        assertEquals(3, volume.replica());
        assertTrue(volume.arbiter());
        assertEquals(List.of("node2", "node1"), volume.nodes());
        assertEquals(Optional.of(new ArbiterBrickSpec("node2", SpecFromSwarm.ARBITER_BRICK)), volume.arbiterBrick());
        assertEquals(List.of("node2:/gluster/brick", "node1:/gluster/brick", "node2:/gluster/arbiter"), volume.allBricks());
        assertTrue(volume.force());
    }

    @Test
    void theTwoNodeSpecSaysHonestlyWhatTheArbiterBuys() {
        String text = SpecFromSwarm.render(swarm(2, 1), "swarm", "swarm-gfs");

        assertTrue(text.contains("prevents split-brain"), text);
        assertTrue(text.contains("stays writable when node2 (the node without the arbiter) fails"), text);
        assertTrue(text.contains("when node1 fails"), text);
        assertTrue(text.contains("read-only"), text);
        assertTrue(text.contains("A third small node holding the arbiter is better"), text);
    }

    @Test
    void theTwoNodeSpecIsPlannedUnchanged() {
        ClusterSpec spec = parsed(swarm(2, 1));

        Plan plan = new Planner(InProcessCoordinator.TIMEOUTS).plan(spec, Map.of("node1", "10.0.0.1", "node2", "10.0.0.2"));

        EnsureVolume create = plan.phases().get(1).steps().get(1).action().getVolume();
        assertEquals(1, create.getArbiterCount());
        assertEquals(3, create.getBricksCount());
        assertEquals(spec, SpecParser.parse(SpecRenderer.render(spec), "stored"));
    }

    @Test
    void aNodeWithoutAnAdvertisedAddressIsLeftToItsAgent() {
        List<SwarmNode> nodes = new ArrayList<>(swarm(2, 1));
        nodes.add(new SwarmNode("id3", 1, "node3", "0.0.0.0", false, false, true, Map.of()));

        assertEquals(Map.of("node1", "10.0.0.1", "node2", "10.0.0.2"), parsed(nodes).hosts());
    }

    @Test
    void zonesComeFromTheNodesZoneLabels() {
        List<SwarmNode> nodes = new ArrayList<>();
        for (int k = 1; k <= 6; k++) {
            nodes.add(new SwarmNode("id" + k, 1, "node" + k, "10.0.0." + k, k == 1, k == 1, true,
                    Map.of(SpecFromSwarm.ZONE_LABEL, "rack-" + (k <= 2 ? "a" : k <= 4 ? "b" : "c"))));
        }

        ClusterSpec spec = parsed(nodes);

        assertEquals("rack-a", spec.zones().get("node2"));
        assertEquals(List.of("node1", "node3", "node5", "node2", "node4", "node6"), spec.volumes().get(0).nodes());
    }

    @Test
    void noZonesWhenANodeHasNoZoneLabel() {
        List<SwarmNode> nodes = new ArrayList<>(swarm(3, 1));
        nodes.set(0, new SwarmNode("id1", 1, "node1", "10.0.0.1", true, true, true, Map.of(SpecFromSwarm.ZONE_LABEL, "a")));

        String text = SpecFromSwarm.render(nodes, "prod", "gfs");

        assertEquals(Map.of(), parsed(nodes).zones());
        assertTrue(text.contains("without one for node2, node3 none are written"), text);
    }
}
