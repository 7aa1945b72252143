package io.brickwork.coordinator.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecZonesTest {
    private static final String SIX_NODES_THREE_RACKS = """
            cluster {
              name = prod
              nodes = [node1, node2, node3, node4, node5, node6]
              zones { node1 = rack-a, node2 = rack-a, node3 = rack-b, node4 = rack-b, node5 = rack-c, node6 = rack-c }
            }
            """;

    @Test
    void volumeNodesAreOrderedSoEverySetSpansThreeZones() {
        ClusterSpec spec = SpecParser.parse(SIX_NODES_THREE_RACKS + volume("replica = 3"), "test.conf");

        assertEquals(List.of("node1", "node3", "node5", "node2", "node4", "node6"), spec.volumes().get(0).nodes());
    }

    @Test
    void zonesAreKeptInNodeOrderAndSurviveTheStoredForm() {
        ClusterSpec spec = SpecParser.parse(SIX_NODES_THREE_RACKS + volume("replica = 3"), "test.conf");

        assertEquals(List.of("node1", "node2", "node3", "node4", "node5", "node6"), List.copyOf(spec.zones().keySet()));
        assertEquals(spec, SpecParser.parse(SpecRenderer.render(spec), "stored"));
    }

    @Test
    void withoutZonesTheSpecOrderIsTheBrickOrder() {
        ClusterSpec spec = SpecParser.parse("""
                cluster { name = prod, nodes = [node1, node2, node3, node4] }
                """ + volume("replica = 2"), "test.conf");

        assertEquals(List.of("node1", "node2", "node3", "node4"), spec.volumes().get(0).nodes());
        assertEquals(Map.of(), spec.zones());
        assertEquals("node3", spec.zoneOf("node3"));
    }

    @Test
    void refusesSetsThatCannotSpanDistinctZones() {
        List<Violation> violations = violations("""
                cluster {
                  name = prod
                  nodes = [node1, node2, node3, node4, node5, node6]
                  zones { node1 = rack-a, node2 = rack-a, node3 = rack-a, node4 = rack-b, node5 = rack-c, node6 = rack-c }
                }
                """ + volume("replica = 3"));

        assertEquals(1, violations.size(), violations::toString);
        assertEquals("volumes[0].nodes", violations.get(0).key());
        assertTrue(violations.get(0).problem().contains("zone rack-a has 3 of its nodes but there are 2 replica sets"),
                violations.get(0)::toString);
        assertTrue(violations.get(0).problem().contains("cluster.allow-shared-zones = true"), violations.get(0)::toString);
    }

    @Test
    void sharingAcceptedWhenTheSpecSaysSo() {
        ClusterSpec spec = SpecParser.parse("""
                cluster {
                  name = prod
                  nodes = [node1, node2, node3]
                  zones { node1 = rack-a, node2 = rack-a, node3 = rack-b }
                  allow-shared-zones = true
                }
                """ + volume("replica = 3"), "test.conf");

        assertTrue(spec.allowSharedZones());
        assertEquals(spec, SpecParser.parse(SpecRenderer.render(spec), "stored"));
    }

    @Test
    void anArbiterBrickInTheZoneOfADataNodeIsRefused() {
        List<Violation> violations = violations("""
                cluster {
                  name = prod
                  nodes = [node1, node2, node3]
                  zones { node1 = rack-a, node2 = rack-b, node3 = rack-b }
                }
                volumes = [{ name = gfs, replica = 3, arbiter = true, nodes = [node1, node2], brick = /gluster/brick,
                             arbiter-brick { node = node3, path = /gluster/arbiter } }]
                """);

        assertEquals(List.of("volumes[0].arbiter-brick.node"), violations.stream().map(Violation::key).toList());
    }

    @Test
    void everyClusterNodeNeedsAZone() {
        List<Violation> violations = violations("""
                cluster {
                  name = prod
                  nodes = [node1, node2, node3]
                  zones { node1 = rack-a, node2 = rack-b }
                }
                """ + volume("replica = 3"));

        assertEquals(List.of(new Violation("cluster.zones", null, "has no zone for node3: with zones, every cluster node needs one")),
                violations);
    }

    @Test
    void aZoneForANodeOutsideTheClusterIsRefused() {
        List<Violation> violations = violations("""
                cluster {
                  name = prod
                  nodes = [node1, node2, node3]
                  zones { node1 = rack-a, node2 = rack-b, node3 = rack-c, node9 = rack-d }
                }
                """ + volume("replica = 3"));

        assertEquals(List.of("cluster.zones.node9"), violations.stream().map(Violation::key).toList());
    }

    @Test
    void aZoneNameMustBeAName() {
        List<Violation> violations = violations("""
                cluster {
                  name = prod
                  nodes = [node1, node2, node3]
                  zones { node1 = "rack a", node2 = rack-b, node3 = rack-c }
                }
                """ + volume("replica = 3"));

        assertEquals(List.of("cluster.zones.node1"), violations.stream().map(Violation::key).toList());
    }

    private static String volume(String replica) {
        return "volumes = [{ name = gfs, " + replica + ", brick = /gluster/brick }]\n";
    }

    private static List<Violation> violations(String spec) {
        return assertThrows(SpecException.class, () -> SpecParser.parse(spec, "test.conf")).violations();
    }
}
