package io.brickwork.coordinator.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.coordinator.plan.Plan;
import io.brickwork.coordinator.plan.PlannedStep;
import io.brickwork.coordinator.plan.Planner;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.MountSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A check round sends the manager's glusterd round trips before the nodes' local checks. */
class PlanRunnerDispatchTest {
    private static final ClusterSpec SPEC = new ClusterSpec("staging", "node2", List.of("node1", "node2", "node3"),
            Map.of(), List.of(new VolumeSpec("staging-gfs", 3, List.of("node1", "node2", "node3"), "/gluster/brick", true,
                    Optional.empty(), MountSpec.defaults())));
    private static final Map<String, String> ADDRESSES = Map.of(
            "node1", "10.213.0.11", "node2", "10.213.0.12", "node3", "10.213.0.13");

    private static List<String> names(List<PlannedStep> steps) {
        return steps.stream().map(step -> step.node() + "/" + step.name()).toList();
    }

    @Test
    void clusterStepsGoFirstThenEveryOtherStepInPlanOrder() {
        Plan plan = new Planner(InProcessCoordinator.TIMEOUTS).plan(SPEC, ADDRESSES);

        List<PlannedStep> order = PlanRunner.dispatchOrder(plan);

        assertEquals(List.of("node2/peers", "node2/volume:staging-gfs", "node2/volume-auth:staging-gfs",
                "node2/volume-started:staging-gfs"), names(order.subList(0, 4)));
        List<PlannedStep> rest = plan.steps().stream().filter(step -> !order.subList(0, 4).contains(step)).toList();
        assertEquals(names(rest), names(order.subList(4, order.size())));
        assertEquals(plan.steps().size(), new HashSet<>(order).size(), "every step exactly once");
    }

    @Test
    void aOneNodeClusterKeepsPlanOrder() {
        ClusterSpec single = new ClusterSpec("solo", "node1", List.of("node1"), Map.of(),
                List.of(new VolumeSpec("solo-gfs", 1, List.of("node1"), "/gluster/brick", true, Optional.empty(),
                        MountSpec.defaults())));
        Plan plan = new Planner(InProcessCoordinator.TIMEOUTS).plan(single, Map.of("node1", "10.213.0.11"));

        assertEquals(names(plan.steps()), names(PlanRunner.dispatchOrder(plan)));
    }
}
