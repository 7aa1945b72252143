package io.brickwork.coordinator.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.proto.agent.v1.ActionRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTlsTest {
    private static final ClusterSpec SPEC = SpecParser.parse("""
            cluster { name = c, nodes = [node1, node2], tls = true }
            volumes = [
              { name = secret, replica = 2, brick = "/gluster/s", mount.path = "/mnt/s" },
              { name = plain, replica = 2, brick = "/gluster/p", mount.path = "/mnt/p", tls = false }
            ]
            """, "test.conf");
    private static final Map<String, String> ADDRESSES = Map.of("node1", "10.0.0.1", "node2", "10.0.0.2");

    private final Planner planner = new Planner(InProcessCoordinator.TIMEOUTS);

    private static List<String> names(Phase phase) {
        return phase.steps().stream().map(step -> step.node() + "/" + step.name()).toList();
    }

    @Test
    void everyNodeTurnsGlusterTlsOnAfterGlusterdAndBeforeThePeerProbe() {
        Plan plan = planner.plan(SPEC, ADDRESSES);

        assertEquals(List.of("node1/hosts", "node1/packages", "node1/glusterd", "node1/gluster-tls",
                "node1/brick-directory:secret", "node1/brick-directory:plain",
                "node2/hosts", "node2/packages", "node2/glusterd", "node2/gluster-tls",
                "node2/brick-directory:secret", "node2/brick-directory:plain"), names(plan.phases().get(0)));
    }

    @Test
    void aTlsVolumeGetsItsTlsBeforeItsFirstStartAndAdmitsTheClusterNodes() {
        Plan plan = planner.plan(SPEC, ADDRESSES);

        assertEquals(List.of("node1/peers", "node1/volume:secret", "node1/volume-auth:secret", "node1/volume-tls:secret",
                "node1/volume-started:secret", "node1/volume:plain", "node1/volume-auth:plain",
                "node1/volume-started:plain"), names(plan.phases().get(1)));
        ActionRequest tls = plan.phases().get(1).steps().get(3).action();
        assertEquals("secret", tls.getVolumeTls().getVolume());
        assertEquals(List.of("node1", "node2"), tls.getVolumeTls().getAllowedNamesList());
    }
}
