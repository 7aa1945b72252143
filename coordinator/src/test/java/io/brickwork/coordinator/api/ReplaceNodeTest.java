package io.brickwork.coordinator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.testing.ApplyEvents;
import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.coordinator.testing.Reports;
import io.brickwork.coordinator.testing.Results;
import io.brickwork.coordinator.testing.Specs;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.BrickHealFact;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.VolumeState;
import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.ListOperationsRequest;
import io.brickwork.proto.coordinator.v1.OperationState;
import io.brickwork.proto.coordinator.v1.PlanRequest;
import io.brickwork.proto.coordinator.v1.PlanResponse;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * node3 is dead and the spec puts node7 in its place: the apply replaces node3's brick, waits for
 * the heal, detaches node3 and applies the rest; or refuses before anything changes.
 */
class ReplaceNodeTest {
    static final String BRICK = "/gluster/brick";
    static final String REPLACED = Specs.STAGING.replace("node3]", "node7]");

    @RegisterExtension
    final InProcessCoordinator coordinator = new InProcessCoordinator(Duration.ofMillis(500));

    /** The manager's glusterd, as far as the replacement reads and changes it. */
    final List<String> layout = new CopyOnWriteArrayList<>(List.of("node1:" + BRICK, "node2:" + BRICK, "node3:" + BRICK));
    final Set<String> unreachable = new CopyOnWriteArraySet<>(Set.of("node3:" + BRICK));

    private Function<ActionRequest, Optional<ActionResult>> manager() {
        return request -> switch (request.getActionCase()) {
            case DESCRIBE_VOLUME -> Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED)
                    .setVolume(volume(request.getDescribeVolume().getHealCounts(),
                            request.getDescribeVolume().getBrickStates())).build());
            case REPLACE_BRICK -> {
                String old = request.getReplaceBrick().getOldBrick().getHost() + ":" + BRICK;
                String replacing = request.getReplaceBrick().getNewBrick().getHost() + ":" + BRICK;
                if (!layout.contains(old)) {
                    yield Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED).build());
                }
                if (request.getMode() == Mode.MODE_APPLY) {
                    layout.set(layout.indexOf(old), replacing);
                }
                yield Results.fresh().apply(request);
            }
            default -> Results.fresh().apply(request);
        };
    }

    private VolumeState volume(boolean healCounts, boolean brickStates) {
        VolumeState.Builder volume = VolumeState.newBuilder().setExists(true).setReplica(3).setStatus("Started")
                .addAllBricks(layout);
        if (healCounts || brickStates) {
            layout.stream().filter(brick -> !unreachable.contains(brick)).forEach(volume::addOnlineBricks);
        }
        if (healCounts) {
            if (layout.stream().noneMatch(unreachable::contains)) {
                for (String brick : layout) {
                    volume.addHeals(BrickHealFact.newBuilder().setBrick(brick).setConnected(true).setStatus("Connected"));
                }
            } else {
                volume.setHealUnread("not read: a brick is offline");
            }
        }
        return volume.build();
    }

    /** node3 reported 0 entries pending heal before it died. */
    private List<FakeAgent> cluster() throws Exception {
        List<FakeAgent> agents = new ArrayList<>();
        agents.add(coordinator.connect("node1", "10.213.0.11", manager()));
        agents.add(coordinator.connect("node2", "10.213.0.12", brickWithData()));
        agents.add(coordinator.connect("node7", "10.213.0.17", Results.fresh()));
        FakeAgent node3 = coordinator.connect("node3", "10.213.0.13", Results.fresh());
        node3.report(Reports.healthy("node3"));
        for (int i = 0; i < 200 && coordinator.health.lastPending(Reports.VOLUME, "node3:" + BRICK).isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertEquals(0, coordinator.health.lastPending(Reports.VOLUME, "node3:" + BRICK).orElseThrow());
        node3.disconnect();
        return agents;
    }

    /** A node whose brick directory carries the volume's id: never taken back as an empty one. */
    private static Function<ActionRequest, Optional<ActionResult>> brickWithData() {
        return request -> request.hasResetBrick()
                ? Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED)
                        .setSummary("/gluster/brick is a brick of volume staging-gfs").build())
                : Results.fresh().apply(request);
    }

    private List<ApplyEvent> apply(String spec) {
        return ApplyEvents.apply(coordinator.api(), spec);
    }

    @Test
    void theDeadNodesBrickIsReplacedHealedAndTheNodeDetachedBeforeTheRestOfTheSpec() throws Exception {
        List<FakeAgent> agents = cluster();

        List<ApplyEvent> events = apply(REPLACED);

        assertTrue(events.get(0).hasOperation(), events.get(0).toString());
        assertEquals(OperationState.OPERATION_STATE_RUNNING, events.get(0).getOperation().getState());
        assertTrue(events.get(events.size() - 1).getFinished().getSuccess(), events.get(events.size() - 1).toString());
        List<String> steps = ApplyEvents.finishedSteps(events);
        int replaced = steps.indexOf("replace-brick:staging-gfs:node3:" + BRICK + "=CHANGED");
        int healed = steps.indexOf("heal:staging-gfs:node7:" + BRICK + "=CHANGED");
        int detached = steps.indexOf("detach-peer:node3=CHANGED");
        int auth = steps.indexOf("volume-auth:staging-gfs=CHANGED");
        assertTrue(replaced >= 0 && replaced < healed && healed < detached && detached < auth, steps.toString());
        assertEquals(List.of("node1:" + BRICK, "node2:" + BRICK, "node7:" + BRICK), layout);
        assertTrue(events.stream().anyMatch(event -> event.getOperation().hasHeal()), "heal progress was streamed");
        ActionRequest hosts = agents.get(0).received().stream()
                .filter(request -> request.hasHosts() && request.getMode() == Mode.MODE_APPLY
                        && !request.getHosts().getRemoveNamesList().isEmpty())
                .findFirst().orElseThrow();
        assertEquals(List.of("node3"), hosts.getHosts().getRemoveNamesList());
        assertEquals(OperationState.OPERATION_STATE_SUCCEEDED, coordinator.api()
                .listOperations(ListOperationsRequest.getDefaultInstance()).getOperations(0).getState());
    }

    @Test
    void anotherBrickOfTheSetOfflineIsRefusedBeforeAnythingChanges() throws Exception {
        List<FakeAgent> agents = cluster();
        unreachable.add("node2:" + BRICK);

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> apply(REPLACED));

        assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("node2:" + BRICK + " of the same replica set"),
                refused.getStatus().getDescription());
        assertTrue(agents.stream().flatMap(agent -> agent.received().stream())
                .noneMatch(request -> request.getMode() == Mode.MODE_APPLY), "nothing was applied");
        assertEquals(0, coordinator.api().listOperations(ListOperationsRequest.getDefaultInstance())
                .getOperationsCount(), "a refusal leaves no operation behind");
    }

    @Test
    void twoReplacementsInOneSetAreRefusedBeforeAnythingChanges() throws Exception {
        List<FakeAgent> agents = cluster();
        agents.add(coordinator.connect("node6", "10.213.0.16", Results.fresh()));

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> apply(Specs.STAGING.replace("node2, node3]", "node6, node7]")));

        assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("one replica set"), refused.getStatus().getDescription());
        assertFalse(agents.stream().flatMap(agent -> agent.received().stream())
                .anyMatch(request -> request.getMode() == Mode.MODE_APPLY));
    }

    @Test
    void planShowsTheReplaceTheHealWithTheCopiesOfTheSetAndTheDetachAndChangesNothing() throws Exception {
        cluster();

        PlanResponse plan = coordinator.api().plan(PlanRequest.newBuilder().setSpec(REPLACED).build());

        List<String> names = plan.getStepsList().stream().map(StepReport::getStep).toList();
        int replace = names.indexOf("replace-brick:staging-gfs:node3:" + BRICK);
        assertTrue(replace >= 0 && names.indexOf("heal:staging-gfs:node7:" + BRICK) == replace + 1
                && names.indexOf("detach-peer:node3") == replace + 2, names.toString());
        assertTrue(plan.getSteps(replace).getSummary().contains("2 of 3 good copies"), plan.getSteps(replace).getSummary());
        assertTrue(plan.getSteps(replace + 1).getSummary().contains("3 of 3 good copies"));
        assertFalse(names.contains("volume:staging-gfs"), "the layout step is in sync once replaced");
        assertTrue(plan.getStepsList().stream().noneMatch(step -> step.getState() == StepState.STEP_STATE_REFUSED));
        assertEquals(List.of("node1:" + BRICK, "node2:" + BRICK, "node3:" + BRICK), layout);
    }
}
