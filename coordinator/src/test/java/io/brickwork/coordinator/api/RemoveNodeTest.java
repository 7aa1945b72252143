package io.brickwork.coordinator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.spec.SpecRenderer;
import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.coordinator.testing.Results;
import io.brickwork.coordinator.testing.Specs;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.ReleasedMount;
import io.brickwork.proto.agent.v1.VolumeState;
import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.ApplyRequest;
import io.brickwork.proto.coordinator.v1.PlanRequest;
import io.brickwork.proto.coordinator.v1.PlanResponse;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spec applied last had node1..6 in the cluster and the volume on node1..3; the new one lists
 * node1..3 only: node4..6 let go of their mounts, leave the pool, and then every remaining node's
 * /etc/hosts loses their names. A departure that cannot go through is refused before anything
 * changes.
 */
class RemoveNodeTest {
    static final String BRICK = "/gluster/brick";
    static final String SIX = Specs.STAGING
            .replace("nodes = [node1, node2, node3]", "nodes = [node1, node2, node3, node4, node5, node6]")
            .replace("  brick = ", "  nodes = [node1, node2, node3]\n  brick = ");
    static final List<String> LEAVING = List.of("node4", "node5", "node6");

    @RegisterExtension
    final InProcessCoordinator coordinator = new InProcessCoordinator(Duration.ofMillis(500));

    final List<String> layout = new CopyOnWriteArrayList<>(List.of("node1:" + BRICK, "node2:" + BRICK,
            "node3:" + BRICK));
    final List<FakeAgent> agents = new ArrayList<>();

    @BeforeEach
    void appliedWithSixNodes() {
        coordinator.specStore.save(SpecRenderer.render(SpecParser.parse(SIX, "test")));
    }

    private Function<ActionRequest, Optional<ActionResult>> manager() {
        return request -> request.getActionCase() == ActionRequest.ActionCase.DESCRIBE_VOLUME
                ? Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED)
                        .setVolume(VolumeState.newBuilder().setExists(true).setReplica(3).setStatus("Started")
                                .addAllBricks(layout).addAllOnlineBricks(layout)).build())
                : Results.fresh().apply(request);
    }

    private void cluster(Function<ActionRequest, Optional<ActionResult>> node5) throws Exception {
        agents.add(coordinator.connect("node1", "10.213.0.11", manager()));
        for (int k = 2; k <= 6; k++) {
            agents.add(coordinator.connect("node" + k, "10.213.0.1" + k, k == 5 ? node5 : Results.fresh()));
        }
    }

    private List<ApplyEvent> apply(String spec) {
        List<ApplyEvent> events = new ArrayList<>();
        coordinator.api().apply(ApplyRequest.newBuilder().setSpec(spec).setSkipVerify(true).build())
                .forEachRemaining(events::add);
        return events;
    }

    /** "node / step", in the order they finished. */
    private static List<String> finished(List<ApplyEvent> events) {
        return events.stream().filter(ApplyEvent::hasStepFinished)
                .map(event -> event.getStepFinished().getNode() + " / " + event.getStepFinished().getStep())
                .toList();
    }

    private List<ActionRequest> applied() {
        return agents.stream().flatMap(agent -> agent.received().stream())
                .filter(request -> request.getMode() == Mode.MODE_APPLY).toList();
    }

    @Test
    void theLeavingNodesLetGoOfTheirMountsLeaveThePoolAndThenEveryHostsFileLosesTheirNames() throws Exception {
        cluster(Results.fresh());

        List<ApplyEvent> events = apply(Specs.STAGING);

        ApplyEvent last = events.get(events.size() - 1);
        assertTrue(last.getFinished().getSuccess(), last.toString());
        List<String> steps = finished(events);
        int lastDetach = steps.indexOf("node1 / detach-peer:node6");
        for (String node : LEAVING) {
            int release = steps.indexOf(node + " / release-mounts");
            assertTrue(steps.indexOf("node1 / swarm-labels") < release, steps.toString());
            assertTrue(release >= 0 && release < steps.indexOf("node1 / detach-peer:" + node), steps.toString());
        }
        for (String node : List.of("node1", "node2", "node3")) {
            assertTrue(steps.indexOf(node + " / hosts") > lastDetach, steps.toString());
        }
        ActionRequest release = agents.get(4).received().stream()
                .filter(request -> request.getActionCase() == ActionRequest.ActionCase.RELEASE_MOUNTS).findFirst()
                .orElseThrow();
        assertEquals(List.of(ReleasedMount.newBuilder().setSource("localhost:/staging-gfs").setMountPoint("/mnt")
                .build()), release.getReleaseMounts().getMountsList());
        ActionRequest hosts = agents.get(0).received().stream()
                .filter(request -> request.getActionCase() == ActionRequest.ActionCase.HOSTS
                        && request.getMode() == Mode.MODE_APPLY)
                .findFirst().orElseThrow();
        assertEquals(LEAVING, hosts.getHosts().getRemoveNamesList());
        assertTrue(applied().stream().noneMatch(request -> request.getActionCase() != ActionRequest.ActionCase.RELEASE_MOUNTS
                && List.of("node4", "node5", "node6").contains(nodeOf(request))), "nothing else runs on a leaving node");
        assertEquals(List.of("node1", "node2", "node3"),
                SpecParser.parse(coordinator.specStore.load().orElseThrow(), "stored").nodes());
    }

    @Test
    void planShowsTheLabelsTheReleaseAndTheDetachBeforeTheHostsFiles() throws Exception {
        cluster(Results.fresh());

        PlanResponse plan = coordinator.api().plan(PlanRequest.newBuilder().setSpec(Specs.STAGING).build());

        List<String> steps = plan.getStepsList().stream().map(step -> step.getNode() + " / " + step.getStep()).toList();
        assertTrue(steps.indexOf("node1 / swarm-labels") < steps.indexOf("node4 / release-mounts"), steps.toString());
        assertTrue(steps.indexOf("node6 / release-mounts") < steps.indexOf("node1 / detach-peer:node4"),
                steps.toString());
        assertTrue(steps.indexOf("node1 / detach-peer:node6") < steps.indexOf("node1 / hosts"), steps.toString());
        assertEquals(List.of(), applied());
    }

    @Test
    void aMountInUseOnALeavingNodeIsRefusedNamingTheProcessesAndNothingChanges() throws Exception {
        cluster(request -> request.getActionCase() == ActionRequest.ActionCase.RELEASE_MOUNTS
                ? Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_REFUSED)
                        .setSummary("/mnt is in use by 4242 (sleep); stop them, or apply with --force-unmount").build())
                : Results.fresh().apply(request));

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> apply(Specs.STAGING));

        assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("node5: /mnt is in use by 4242 (sleep)"),
                refused.getStatus().getDescription());
        assertEquals(List.of(), applied());
    }

    private String nodeOf(ActionRequest request) {
        for (int k = 0; k < agents.size(); k++) {
            if (agents.get(k).received().contains(request)) {
                return "node" + (k + 1);
            }
        }
        return "";
    }
}
