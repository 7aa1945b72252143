package io.brickwork.coordinator.replace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.testing.Specs;
import io.brickwork.proto.agent.v1.VolumeState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplacementFinderTest {
    static final List<String> ON_1_2_3 = List.of("node1:/gluster/brick", "node2:/gluster/brick", "node3:/gluster/brick");

    static VolumeState layout(List<String> bricks) {
        return VolumeState.newBuilder().setExists(true).setReplica(3).addAllBricks(bricks).setStatus("Started").build();
    }

    static ClusterSpec spec(String from, String to) {
        return SpecParser.parse(Specs.STAGING.replace(from, to), "test");
    }

    @Test
    void aNewNodeInTheDeadOnesPlaceIsOneReplacementAtTheSamePosition() throws Exception {
        List<Replacement> found = ReplacementFinder.find(spec("node3]", "node7]"), Map.of("staging-gfs", layout(ON_1_2_3)));

        assertEquals(List.of(new Replacement("staging-gfs", "node3:/gluster/brick", "node7:/gluster/brick", ON_1_2_3)),
                found);
    }

    @Test
    void theSpecInForceFindsNothing() throws Exception {
        assertEquals(List.of(), ReplacementFinder.find(spec("", ""), Map.of("staging-gfs", layout(ON_1_2_3))));
    }

    @Test
    void aVolumeThatDoesNotExistYetFindsNothing() throws Exception {
        assertEquals(List.of(), ReplacementFinder.find(spec("node3]", "node7]"),
                Map.of("staging-gfs", VolumeState.getDefaultInstance())));
    }

    @Test
    void nodesThatOnlySwapPlacesAreNoReplacementAndLeftToTheVolumeStep() throws Exception {
        assertEquals(List.of(), ReplacementFinder.find(spec("nodes = [node1, node2, node3]", "nodes = [node1, node3, node2]"),
                Map.of("staging-gfs", layout(ON_1_2_3))));
    }

    @Test
    void twoBricksOfOneReplicaSetAreRefusedNamingBoth() {
        ReplacementRefusedException refused = assertThrows(ReplacementRefusedException.class,
                () -> ReplacementFinder.find(spec("nodes = [node1, node2, node3]", "nodes = [node1, node6, node7]"),
                        Map.of("staging-gfs", layout(ON_1_2_3))));

        assertTrue(refused.getMessage().contains("node2:/gluster/brick and node3:/gluster/brick"), refused.getMessage());
        assertTrue(refused.getMessage().contains("one replica set"), refused.getMessage());
    }
}
