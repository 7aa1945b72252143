package io.brickwork.coordinator.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.proto.agent.v1.DirectoryQuotaRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DirectoryQuotaServiceTest {
    private static final ClusterSpec SPEC = SpecParser.parse("""
            cluster { name = staging, manager = node1, nodes = [node1, node2, node3] }
            volumes = [{ name = staging-gfs, replica = 3, brick = "/gluster/brick" }]
            """, "test");

    private static Optional<String> problem(String node, String volume, String path, long bytes) {
        return DirectoryQuotaService.problem(SPEC, node, DirectoryQuotaRequest.newBuilder().setId("1")
                .setVolume(volume).setPath(path).setLimitBytes(bytes).build());
    }

    @Test
    void aDirectoryOfASpecVolumeAskedForByAClusterNodeIsFine() {
        assertEquals(Optional.empty(), problem("node2", "staging-gfs", "couchdb", 10L << 30));
        assertEquals(Optional.empty(), problem("NODE3", "staging-gfs", "apps/couch", 1L << 20));
    }

    @Test
    void anythingOutsideTheAppliedSpecIsRefusedNamingIt() {
        assertEquals(Optional.of("node node9 is not in the applied spec"),
                problem("node9", "staging-gfs", "couchdb", 10L << 30));
        assertEquals(Optional.of("volume 'other' is not in the applied spec"),
                problem("node2", "other", "couchdb", 10L << 30));
    }

    @Test
    void hostilePathsAndAbsurdLimitsAreRefused() {
        for (String path : new String[] {"..", "../etc", "/etc", "a//b", "", "a\nb", ".brickwork",
                ".brickwork/docker-volumes"}) {
            assertEquals(true, problem("node2", "staging-gfs", path, 10L << 30).isPresent(), path);
        }
        assertEquals(Optional.of("limit 1024 bytes must be from 1MiB (1048576 bytes) to 1PiB (1125899906842624"
                + " bytes)"), problem("node2", "staging-gfs", "couchdb", 1024));
        assertEquals(true, problem("node2", "staging-gfs", "couchdb", -1).isPresent());
        assertEquals(true, problem("node2", "staging-gfs", "couchdb", (1L << 50) + 1).isPresent());
    }
}
