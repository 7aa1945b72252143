package io.brickwork.coordinator.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.DirectorySpec;
import io.brickwork.coordinator.spec.MountSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.proto.agent.v1.EnsureAppDirectories;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerDirectoriesTest {
    private static final Map<String, String> ADDRESSES = Map.of(
            "node1", "10.213.0.11", "node2", "10.213.0.12", "node3", "10.213.0.13");
    private final Planner planner = new Planner(InProcessCoordinator.TIMEOUTS);

    private static ClusterSpec spec(List<DirectorySpec> directories) {
        return new ClusterSpec("staging", "node2", List.of("node1", "node2", "node3"), Map.of(),
                List.of(new VolumeSpec("staging-gfs", 3, List.of("node1", "node2", "node3"), "/gluster/brick", true,
                        Optional.empty(), MountSpec.defaults(), false, directories)));
    }

    @Test
    void directoriesAreCreatedOnceOnTheManagerAfterTheMountsThenConfirmedOnEveryOtherNode() {
        Plan plan = planner.plan(spec(List.of(new DirectorySpec("staging_couch_db", "5984", "5984", "0750"))), ADDRESSES);

        assertEquals(List.of("prepare", "cluster", "mount", "directories", "directories-visible"),
                plan.phases().stream().map(Phase::name).toList());
        List<PlannedStep> create = plan.phases().get(3).steps();
        assertEquals(1, create.size());
        assertEquals("node2", create.get(0).node());
        EnsureAppDirectories request = create.get(0).action().getAppDirectories();
        assertEquals("localhost:/staging-gfs", request.getSource());
        assertEquals("/mnt", request.getMountPoint());
        assertFalse(request.getVerifyOnly());
        assertEquals("staging_couch_db", request.getDirectories(0).getPath());
        assertEquals("5984", request.getDirectories(0).getOwner());
        assertEquals(0750, request.getDirectories(0).getMode());

        List<PlannedStep> confirm = plan.phases().get(4).steps();
        assertEquals(List.of("node1", "node3"), confirm.stream().map(PlannedStep::node).toList());
        assertTrue(confirm.stream().allMatch(step -> step.action().getAppDirectories().getVerifyOnly()));
    }

    @Test
    void aDirectoryQuotaIsSetOnTheManagerRightAfterTheDirectoriesAreMade() {
        Plan plan = planner.plan(spec(List.of(new DirectorySpec("db", "5984", "5984", "0750",
                java.util.OptionalLong.of(10L << 30)), new DirectorySpec("logs", "root", "root", "0755"))), ADDRESSES);

        List<PlannedStep> create = plan.phases().get(3).steps();
        assertEquals(List.of("app-directories:staging-gfs", "directory-quota:staging-gfs:db"),
                create.stream().map(PlannedStep::name).toList());
        assertEquals("node2", create.get(1).node());
        assertEquals("staging-gfs", create.get(1).action().getDirectoryQuota().getVolume());
        assertEquals("db", create.get(1).action().getDirectoryQuota().getPath());
        assertEquals(10L << 30, create.get(1).action().getDirectoryQuota().getLimitBytes());
    }

    @Test
    void withoutDirectoriesThePlanHasNoDirectoryPhases() {
        Plan plan = planner.plan(spec(List.of()), ADDRESSES);

        assertEquals(List.of("prepare", "cluster", "mount"), plan.phases().stream().map(Phase::name).toList());
    }

    @Test
    void dockerIsOrderedAfterEveryMountOnEveryNode() {
        Plan plan = planner.plan(spec(List.of()), ADDRESSES);

        List<PlannedStep> docker = plan.phases().get(2).steps().stream()
                .filter(step -> step.name().equals("docker-mounts")).toList();
        assertEquals(3, docker.size());
        assertEquals(List.of("/mnt"), docker.get(0).action().getDockerMountOrder().getMountPointsList());
    }
}
