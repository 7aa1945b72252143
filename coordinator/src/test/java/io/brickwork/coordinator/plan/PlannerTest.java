package io.brickwork.coordinator.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.MountSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.Brick;
import io.brickwork.proto.agent.v1.HostEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final ClusterSpec SPEC = new ClusterSpec("staging", "node1", List.of("node1", "node2", "node3"),
            Map.of(), List.of(new VolumeSpec("staging-gfs", 3, List.of("node1", "node2", "node3"), "/gluster/brick", true,
                    Optional.empty(), MountSpec.defaults())));
    private static final Map<String, String> ADDRESSES = Map.of(
            "node1", "10.213.0.11", "node2", "10.213.0.12", "node3", "10.213.0.13");

    private final Planner planner = new Planner(InProcessCoordinator.TIMEOUTS);

    private static List<String> names(Phase phase) {
        return phase.steps().stream().map(step -> step.node() + "/" + step.name()).toList();
    }

    @Test
    void phasesFollowTheSeedProcedure() {
        Plan plan = planner.plan(SPEC, ADDRESSES);

        assertEquals(List.of("prepare", "cluster", "mount"), plan.phases().stream().map(Phase::name).toList());
        assertEquals(List.of(
                "node1/hosts", "node1/packages", "node1/glusterd", "node1/brick-directory:staging-gfs",
                "node2/hosts", "node2/packages", "node2/glusterd", "node2/brick-directory:staging-gfs",
                "node3/hosts", "node3/packages", "node3/glusterd", "node3/brick-directory:staging-gfs"),
                names(plan.phases().get(0)));
        assertEquals(List.of("node1/peers", "node1/volume:staging-gfs", "node1/volume-auth:staging-gfs",
                "node1/volume-started:staging-gfs"),
                names(plan.phases().get(1)));
        assertEquals(List.of("node1/fstab:staging-gfs", "node1/mount:staging-gfs", "node1/docker-mounts",
                "node2/fstab:staging-gfs", "node2/mount:staging-gfs", "node2/docker-mounts",
                "node3/fstab:staging-gfs", "node3/mount:staging-gfs", "node3/docker-mounts"),
                names(plan.phases().get(2)));
    }

    @Test
    void everyNodeGetsEveryNodesAddressInItsHostsFile() {
        ActionRequest hosts = planner.plan(SPEC, ADDRESSES).phases().get(0).steps().get(4).action();

        assertEquals(List.of(
                HostEntry.newBuilder().setName("node1").setAddress("10.213.0.11").build(),
                HostEntry.newBuilder().setName("node2").setAddress("10.213.0.12").build(),
                HostEntry.newBuilder().setName("node3").setAddress("10.213.0.13").build()),
                hosts.getHosts().getEntriesList());
    }

    @Test
    void managerProbesTheOtherNodesAndCreatesBricksInNodeOrder() {
        List<PlannedStep> cluster = planner.plan(SPEC, ADDRESSES).phases().get(1).steps();

        assertEquals(List.of("node2", "node3"), cluster.get(0).action().getPeers().getHostsList());
        assertEquals(3, cluster.get(1).action().getVolume().getReplica());
        assertEquals(true, cluster.get(1).action().getVolume().getForce());
        assertEquals(List.of("node1", "node2", "node3"), cluster.get(1).action().getVolume().getBricksList().stream()
                .map(Brick::getHost).toList());
    }

    @Test
    void volumeIsClosedToEveryHostButTheClusterNodesBeforeItStarts() {
        List<PlannedStep> cluster = planner.plan(SPEC, ADDRESSES).phases().get(1).steps();

        var option = cluster.get(2).action().getVolumeOption();
        assertEquals("staging-gfs", option.getVolume());
        assertEquals("auth.allow", option.getKey());
        assertEquals("10.213.0.11,10.213.0.12,10.213.0.13", option.getValue());
        assertEquals("node1/volume-started:staging-gfs", cluster.get(3).node() + "/" + cluster.get(3).name());
    }

    @Test
    void fstabOptionsNameTheOtherNodesAsBackupVolfileServers() {
        List<PlannedStep> mount = planner.plan(SPEC, ADDRESSES).phases().get(2).steps();

        var fstab = mount.get(3).action().getFstabEntry();
        assertEquals("node2", mount.get(3).node());
        assertEquals("localhost:/staging-gfs", fstab.getSource());
        assertEquals("/mnt", fstab.getMountPoint());
        assertEquals("glusterfs", fstab.getFsType());
        assertEquals("defaults,_netdev,nosuid,nodev,x-systemd.requires=glusterd.service,backup-volfile-servers=node1:node3",
                fstab.getOptions());
        assertEquals("docker", mount.get(4).action().getMounted().getGroup());
    }

    @Test
    void aNodeWithoutAnAddressIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class,
                () -> planner.plan(SPEC, Map.of("node1", "10.213.0.11", "node2", "10.213.0.12")));
    }
}
