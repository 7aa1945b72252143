package io.brickwork.coordinator.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VolumeSpecTest {
    @Test
    void bricksFollowNodeOrder() {
        VolumeSpec volume = new VolumeSpec("gfs", 2, List.of("b", "a", "d", "c"), "/gluster/brick", false, Optional.empty(),
                MountSpec.defaults());

        assertEquals(List.of("b:/gluster/brick", "a:/gluster/brick", "d:/gluster/brick", "c:/gluster/brick"), volume.bricks());
    }

    @Test
    void nodesAreCopied() {
        List<String> nodes = new ArrayList<>(List.of("a"));
        VolumeSpec volume = new VolumeSpec("gfs", 1, nodes, "/gluster/brick", false, Optional.empty(), MountSpec.defaults());
        nodes.add("b");

        assertEquals(List.of("a"), volume.nodes());
        assertThrows(UnsupportedOperationException.class, () -> volume.nodes().add("c"));
    }

    @Test
    void authAllowIsCopied() {
        List<String> entries = new ArrayList<>(List.of("10.0.0.*"));
        VolumeSpec volume = new VolumeSpec("gfs", 1, List.of("a"), "/gluster/brick", false, Optional.of(entries), MountSpec.defaults());
        entries.add("10.1.0.*");

        assertEquals(Optional.of(List.of("10.0.0.*")), volume.authAllow());
        assertThrows(UnsupportedOperationException.class, () -> volume.authAllow().orElseThrow().add("*"));
    }
}
