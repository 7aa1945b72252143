package io.brickwork.coordinator.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.proto.coordinator.v1.ReplicaSetZones;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaSetsTest {
    @Test
    void statusShowsEachSetWithTheZonesOfItsCopies() {
        ClusterSpec spec = SpecParser.parse("""
                cluster {
                  name = prod
                  nodes = [node1, node2, node3, node4, node5, node6]
                  zones { node1 = a, node2 = a, node3 = b, node4 = b, node5 = c, node6 = a }
                  allow-shared-zones = true
                }
                volumes = [{ name = gfs, replica = 3, brick = /b }]
                """, "test.conf");

        List<ReplicaSetZones> sets = ReplicaSets.zones(spec, spec.volumes().get(0));

        assertEquals(List.of(
                ReplicaSetZones.newBuilder().addAllBricks(List.of("node1:/b", "node3:/b", "node5:/b"))
                        .addAllZones(List.of("a", "b", "c")).setDistinctZones(3).build(),
                ReplicaSetZones.newBuilder().addAllBricks(List.of("node2:/b", "node4:/b", "node6:/b"))
                        .addAllZones(List.of("a", "b", "a")).setDistinctZones(2).build()),
                sets);
    }

    @Test
    void anArbiterBrickCompletesTheOneSetOfATwoNodeVolume() {
        ClusterSpec spec = SpecParser.parse("""
                cluster { name = prod, nodes = [node1, node2, node3] }
                volumes = [{ name = gfs, replica = 3, arbiter = true, nodes = [node1, node2], brick = /b,
                             arbiter-brick { node = node3, path = /a } }]
                """, "test.conf");

        assertEquals(List.of(List.of("node1:/b", "node2:/b", "node3:/a")), ReplicaSets.of(spec.volumes().get(0)));
    }
}
