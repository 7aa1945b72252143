package io.brickwork.agent.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.agent.gluster.VolumeInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArbiterLayoutTest {
    private static final List<String> BRICKS = List.of("node1:/b", "node2:/b", "node3:/b");

    @Test
    void anExistingVolumeWithoutArbiterIsAnotherLayout() {
        VolumeLayout wanted = new VolumeLayout("gfs", 3, BRICKS, true, 1);
        VolumeInfo existing = new VolumeInfo("gfs", "id", "Replicate", "Started", 3, 3, BRICKS);

        assertEquals(List.of("arbiter count is 0, want 1"), wanted.differences(existing));
    }

    @Test
    void theSameArbiterLayoutHasNoDifferences() {
        VolumeLayout wanted = new VolumeLayout("gfs", 3, BRICKS, true, 1);
        VolumeInfo existing = new VolumeInfo("gfs", "id", "Replicate", "Started", 3, 3, BRICKS, 1);

        assertEquals(List.of(), wanted.differences(existing));
        assertEquals("volume gfs (Replicate, replica 3 arbiter 1) with bricks node1:/b node2:/b node3:/b", wanted.describe());
    }
}
