package io.brickwork.coordinator.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.coordinator.spec.ArbiterBrickSpec;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.MountSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who reads each volume's heal counts: exactly one node that can, in brick order. */
class WatchListsTest {
    /** Data bricks on node1 and node2, the arbiter on node3. */
    private static final VolumeSpec WITH_ARBITER = new VolumeSpec("staging-gfs", 3, List.of("node1", "node2"),
            "/gluster/brick", true, Optional.empty(), MountSpec.defaults(), true, List.of(),
            Optional.of(new ArbiterBrickSpec("node3", "/gluster/arbiter")));

    @Test
    void theFirstDataNodeThatCanReadReadsThenTheNextThenTheArbiters() {
        assertEquals(Optional.of("node1"), WatchLists.healReader(WITH_ARBITER, node -> true));
        assertEquals(Optional.of("node2"), WatchLists.healReader(WITH_ARBITER, node -> !node.equals("node1")));
        assertEquals(Optional.of("node3"), WatchLists.healReader(WITH_ARBITER, Set.of("node3")::contains));
        assertEquals(Optional.empty(), WatchLists.healReader(WITH_ARBITER, node -> false));
    }

    @Test
    void onlyTheReadersListNamesTheVolume() {
        ClusterSpec spec = ArbiterStatusTest.SPEC;

        for (String node : List.of("node1", "node2")) {
            List<String> heals = WatchLists.forNode(Optional.of(spec), node, Duration.ofSeconds(5),
                    Set.of("node2")::contains).getHealVolumesList();
            assertEquals(node.equals("node2") ? List.of("staging-gfs") : List.of(), heals, node);
        }
    }
}
