package io.brickwork.coordinator.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.coordinator.spec.ArbiterBrickSpec;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.MountSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.proto.agent.v1.Brick;
import io.brickwork.proto.agent.v1.EnsureVolume;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerArbiterBrickTest {
    private static final Map<String, String> ADDRESSES = Map.of("node1", "10.213.0.11", "node2", "10.213.0.12",
            "node3", "10.213.0.13");

    private final Planner planner = new Planner(InProcessCoordinator.TIMEOUTS);

    private static ClusterSpec spec(List<String> clusterNodes, ArbiterBrickSpec arbiterBrick) {
        return new ClusterSpec("staging", "node1", clusterNodes, Map.of(), List.of(new VolumeSpec("gfs", 3,
                List.of("node1", "node2"), "/gluster/brick", true, Optional.empty(), MountSpec.defaults(), true,
                List.of(), Optional.of(arbiterBrick))));
    }

    private static List<String> names(Phase phase) {
        return phase.steps().stream().map(step -> step.node() + "/" + step.name()).toList();
    }

    @Test
    void theArbiterNodePreparesTheArbiterBrickDirectoryAfterItsDataBrick() {
        Plan plan = planner.plan(spec(List.of("node1", "node2"), new ArbiterBrickSpec("node1", "/gluster/arbiter")),
                ADDRESSES);

        Phase prepare = plan.phases().get(0);
        assertEquals(List.of(
                "node1/hosts", "node1/packages", "node1/glusterd", "node1/brick-directory:gfs",
                "node1/arbiter-brick-directory:gfs",
                "node2/hosts", "node2/packages", "node2/glusterd", "node2/brick-directory:gfs"), names(prepare));
        var directory = prepare.steps().get(4).action().getBrickDirectory();
        assertEquals("/gluster/arbiter", directory.getPath());
        assertEquals("gfs", directory.getVolume());
    }

    @Test
    void volumeCreateTakesTheDataBricksThenTheArbiterWithReplicaThreeArbiterOneAndTheSpecsForce() {
        Plan plan = planner.plan(spec(List.of("node1", "node2"), new ArbiterBrickSpec("node1", "/gluster/arbiter")),
                ADDRESSES);

        EnsureVolume create = plan.phases().get(1).steps().get(1).action().getVolume();
        assertEquals(List.of("node1:/gluster/brick", "node2:/gluster/brick", "node1:/gluster/arbiter"),
                create.getBricksList().stream().map(brick -> brick.getHost() + ":" + brick.getPath()).toList());
        assertEquals(3, create.getReplica());
        assertEquals(1, create.getArbiterCount());
        assertEquals(true, create.getForce());
    }

    @Test
    void authAndMountsAreThoseOfAnyVolumeOnTheClusterNodes() {
        Plan plan = planner.plan(spec(List.of("node1", "node2"), new ArbiterBrickSpec("node1", "/gluster/arbiter")),
                ADDRESSES);

        assertEquals("10.213.0.11,10.213.0.12", plan.phases().get(1).steps().get(2).action().getVolumeOption().getValue());
        assertEquals(List.of("node1/fstab:gfs", "node1/mount:gfs", "node1/docker-mounts",
                "node2/fstab:gfs", "node2/mount:gfs", "node2/docker-mounts"), names(plan.phases().get(2)));
    }

    @Test
    void anArbiterOnAThirdNodeIsItsOnlyBrick() {
        Plan plan = planner.plan(spec(List.of("node1", "node2", "node3"),
                new ArbiterBrickSpec("node3", "/gluster/arbiter")), ADDRESSES);

        assertEquals(List.of("node3/hosts", "node3/packages", "node3/glusterd", "node3/arbiter-brick-directory:gfs"),
                names(plan.phases().get(0)).subList(8, 12));
        List<Brick> bricks = plan.phases().get(1).steps().get(1).action().getVolume().getBricksList();
        assertEquals("node3", bricks.get(2).getHost());
    }
}
