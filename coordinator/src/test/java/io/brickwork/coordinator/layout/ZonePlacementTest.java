package io.brickwork.coordinator.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ZonePlacementTest {
    private static final Map<String, String> THREE_RACKS = Map.of(
            "n1", "a", "n2", "a", "n3", "b", "n4", "b", "n5", "c", "n6", "c");

    @Test
    void keepsAnOrderWhoseSetsAlreadySpanDistinctZones() {
        List<String> nodes = List.of("n1", "n3", "n5", "n2", "n4", "n6");

        assertEquals(nodes, ZonePlacement.order(nodes, 3, THREE_RACKS));
    }

    @Test
    void reordersNodesListedRackByRackIntoSetsAcrossRacks() {
        List<String> ordered = ZonePlacement.order(List.of("n1", "n2", "n3", "n4", "n5", "n6"), 3, THREE_RACKS);

        assertEquals(List.of("n1", "n3", "n5", "n2", "n4", "n6"), ordered);
        assertEquals(List.of(), ZonePlacement.sharedSets(ordered, 3, THREE_RACKS));
    }

    @Test
    void ordersTheSecondSetAcrossZonesEvenWhenTheFirstIsAlreadyApart() {
        // The first set is fine as written, the second is all in zone c.
        Map<String, String> zones = Map.of("n1", "a", "n2", "b", "n3", "c", "n4", "c", "n5", "a", "n6", "b");
        List<String> ordered = ZonePlacement.order(List.of("n1", "n2", "n3", "n4", "n5", "n6"), 2, zones);

        assertEquals(List.of(), ZonePlacement.sharedSets(ordered, 2, zones));
    }

    @Test
    void findsAnOrderWhereTakingNodesInSpecOrderWouldStrandAZone() {
        // Greedy in spec order pairs n1 with n2 and leaves n3, n4 both in zone c.
        Map<String, String> zones = Map.of("n1", "a", "n2", "b", "n3", "c", "n4", "c");
        List<String> ordered = ZonePlacement.order(List.of("n1", "n2", "n3", "n4"), 2, zones);

        assertEquals(List.of(), ZonePlacement.sharedSets(ordered, 2, zones));
    }

    @Test
    void aGrownVolumeKeepsItsExistingSetAndOrdersOnlyTheNewNodes() {
        // n1..n3 are the volume's set today; the spec appends n4..n6 rack by rack.
        Map<String, String> zones = Map.of("n1", "a", "n2", "b", "n3", "c", "n4", "a", "n5", "a", "n6", "b",
                "n7", "b", "n8", "c", "n9", "c");

        List<String> ordered = ZonePlacement.order(List.of("n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9"), 3,
                zones);

        assertEquals(List.of("n1", "n2", "n3"), ordered.subList(0, 3));
        assertEquals(List.of(), ZonePlacement.sharedSets(ordered, 3, zones));
    }

    @Test
    void theArbiterIsAZoneOfItsOwnToo() {
        Map<String, String> zones = Map.of("n1", "a", "n2", "b", "n3", "a");

        assertEquals(List.of(0), ZonePlacement.sharedSets(List.of("n1", "n2", "n3"), 3, zones));
        assertNotNull(ZonePlacement.impossibility(List.of("n1", "n2", "n3"), 3, zones));
    }

    @Test
    void fewerZonesThanCopiesIsImpossible() {
        String why = ZonePlacement.impossibility(List.of("n1", "n2", "n3", "n4"), 2,
                Map.of("n1", "a", "n2", "a", "n3", "a", "n4", "a"));

        assertTrue(why.contains("1 zone (a)"), why);
    }

    @Test
    void aZoneWithMoreNodesThanSetsIsImpossible() {
        Map<String, String> zones = Map.of("n1", "a", "n2", "a", "n3", "a", "n4", "b", "n5", "c", "n6", "c");

        String why = ZonePlacement.impossibility(List.of("n1", "n2", "n3", "n4", "n5", "n6"), 3, zones);

        assertEquals("zone a has 3 of its nodes but there are 2 replica sets, so two copies of one set would share it", why);
    }

    @Test
    void whenSharingIsUnavoidableTheFewestSetsShare() {
        Map<String, String> zones = Map.of("n1", "a", "n2", "a", "n3", "a", "n4", "b", "n5", "c", "n6", "c");

        List<String> ordered = ZonePlacement.order(List.of("n1", "n2", "n3", "n4", "n5", "n6"), 3, zones);

        assertEquals(1, ZonePlacement.sharedSets(ordered, 3, zones).size());
    }

    @Test
    void refusesNodesThatDoNotMakeWholeSets() {
        assertThrows(IllegalArgumentException.class, () -> ZonePlacement.order(List.of("n1", "n2"), 3, THREE_RACKS));
    }

    /** Whenever no zone has more nodes than sets and there are enough zones, the order spans them. */
    @Test
    void spansDistinctZonesWheneverThatIsPossible() {
        Random random = new Random(15);
        for (int round = 0; round < 2000; round++) {
            int replica = 1 + random.nextInt(4);
            int sets = 1 + random.nextInt(5);
            int zoneCount = 1 + random.nextInt(6);
            List<String> nodes = new ArrayList<>();
            Map<String, String> zones = new LinkedHashMap<>();
            for (int i = 0; i < replica * sets; i++) {
                nodes.add("n" + i);
                zones.put("n" + i, "z" + random.nextInt(zoneCount));
            }
            List<String> ordered = ZonePlacement.order(nodes, replica, zones);

            assertEquals(nodes.stream().sorted().toList(), ordered.stream().sorted().toList());
            boolean possible = ZonePlacement.impossibility(nodes, replica, zones) == null;
            assertEquals(possible, ZonePlacement.sharedSets(ordered, replica, zones).isEmpty(),
                    () -> "replica " + replica + " " + zones + " ordered " + ordered);
            if (possible) {
                assertEquals(ordered, ZonePlacement.order(ordered, replica, zones), "an order kept when parsed again");
            }
        }
    }

    @Test
    void possibleHasNoExplanation() {
        assertNull(ZonePlacement.impossibility(List.of("n1", "n3", "n5"), 3, THREE_RACKS));
    }
}
