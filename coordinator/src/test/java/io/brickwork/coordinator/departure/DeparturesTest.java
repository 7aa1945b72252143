package io.brickwork.coordinator.departure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.coordinator.layout.Shrink;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.testing.Specs;
import io.brickwork.proto.agent.v1.VolumeState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeparturesTest {
    static final String SIX = Specs.STAGING
            .replace("nodes = [node1, node2, node3]", "nodes = [node1, node2, node3, node4, node5, node6]");
    static final List<String> SIX_BRICKS = List.of("node1:/b", "node2:/b", "node3:/b", "node4:/b", "node5:/b",
            "node6:/b");

    @Test
    void theNodesOfTheAppliedSpecThatTheNewOneNoLongerListsLeaveAndNoneWithoutAnAppliedSpec() {
        assertEquals(List.of("node4", "node5", "node6"), Departures.find(
                Optional.of(SpecParser.parse(SIX, "applied")), SpecParser.parse(Specs.STAGING, "new")));
        assertEquals(List.of(), Departures.find(Optional.empty(), SpecParser.parse(Specs.STAGING, "new")));
        assertEquals(List.of(), Departures.find(Optional.of(SpecParser.parse(Specs.STAGING, "applied")),
                SpecParser.parse(SIX, "new")));
    }

    @Test
    void aLeavingNodeMayHoldOnlyBricksThatAShrinkOfTheSameApplyRemoves() {
        Map<String, VolumeState> layouts = Map.of("staging-gfs", VolumeState.newBuilder().setExists(true)
                .setReplica(3).addAllBricks(SIX_BRICKS).build());
        List<String> leaving = List.of("node4", "node5", "node6");

        assertEquals(Optional.empty(), Departures.refusal(leaving, layouts,
                List.of(new Shrink("staging-gfs", SIX_BRICKS, SIX_BRICKS.subList(3, 6), 3))));
        assertEquals(Optional.of("node4, node5, node6 leave cluster.nodes but still hold node4:/b of staging-gfs,"
                + " node5:/b of staging-gfs, node6:/b of staging-gfs; take them out of the volume's nodes first (a"
                + " shrink), or give them to another node"), Departures.refusal(leaving, layouts, List.of()));
    }
}
