package io.brickwork.coordinator.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlusterTlsSpecTest {
    private static String spec(String cluster, String volumeA, String volumeB) {
        return """
                cluster { name = c, nodes = [node1, node2]%s }
                volumes = [
                  { name = a, replica = 2, brick = "/gluster/a", mount.path = "/mnt/a"%s },
                  { name = b, replica = 2, brick = "/gluster/b", mount.path = "/mnt/b"%s }
                ]
                """.formatted(cluster, volumeA, volumeB);
    }

    @Test
    void withoutTheKeyNeitherTheClusterNorItsVolumesUseTls() {
        ClusterSpec spec = SpecParser.parse(spec("", "", ""), "test.conf");

        assertFalse(spec.tls());
        assertFalse(spec.volumes().get(0).tls());
    }

    @Test
    void volumesTakeTheClustersTlsUnlessTheyTurnItOff() {
        ClusterSpec spec = SpecParser.parse(spec(", tls = true", "", ", tls = false"), "test.conf");

        assertTrue(spec.tls());
        assertEquals(List.of(true, false), spec.volumes().stream().map(VolumeSpec::tls).toList());
    }

    @Test
    void aVolumeWithTlsInAClusterWithoutItIsRefused() {
        SpecException refused = assertThrows(SpecException.class,
                () -> SpecParser.parse(spec("", ", tls = true", ""), "test.conf"));

        assertEquals(List.of("volumes[0].tls"), refused.violations().stream().map(Violation::key).toList());
    }

    @Test
    void theRenderedSpecReadsBackTheSame() {
        ClusterSpec spec = SpecParser.parse(spec(", tls = true", "", ", tls = false"), "test.conf");

        assertEquals(spec, SpecParser.parse(SpecRenderer.render(spec), "stored.conf"));
    }
}
