package io.brickwork.coordinator.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.SpecParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    void twoNodesGiveReplicaTwoAndAWarningAboutSplitBrain() {
        String text = SpecFromSwarm.render(swarm(2, 1), "swarm", "swarm-gfs");

        assertEquals(2, SpecParser.parse(text, "init").volumes().get(0).replica());
        assertTrue(text.contains("split-brain"), text);
    }

    @Test
    void aNodeWithoutAnAdvertisedAddressIsLeftToItsAgent() {
        List<SwarmNode> nodes = new ArrayList<>(swarm(2, 1));
        nodes.add(new SwarmNode("id3", 1, "node3", "0.0.0.0", false, false, true, Map.of()));

        assertEquals(Map.of("node1", "10.0.0.1", "node2", "10.0.0.2"), parsed(nodes).hosts());
    }
}
