package io.brickwork.coordinator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.coordinator.testing.Results;
import io.brickwork.coordinator.testing.Specs;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.ApplyFinished;
import io.brickwork.proto.coordinator.v1.ApplyRequest;
import io.brickwork.proto.coordinator.v1.PlanRequest;
import io.brickwork.proto.coordinator.v1.PlanResponse;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import io.brickwork.proto.coordinator.v1.VerifyRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CoordinatorServiceTest {
    static final String SPEC = Specs.STAGING;

    @RegisterExtension
    final InProcessCoordinator coordinator = new InProcessCoordinator(Duration.ofMillis(500));
    private final List<FakeAgent> agents = new ArrayList<>();

    private void connect(Function<ActionRequest, Optional<ActionResult>> behaviour, String... nodes) throws Exception {
        for (String node : nodes) {
            agents.add(coordinator.connect(node, "10.213.0." + (10 + agents.size() + 1), behaviour));
        }
    }

    private int actionsSent() {
        return agents.stream().mapToInt(agent -> agent.received().size()).sum();
    }

    private List<ApplyEvent> apply(String spec) {
        List<ApplyEvent> events = new ArrayList<>();
        Iterator<ApplyEvent> stream = coordinator.api().apply(ApplyRequest.newBuilder().setSpec(spec).setSkipVerify(true).build());
        stream.forEachRemaining(events::add);
        return events;
    }

    private static ApplyFinished finished(List<ApplyEvent> events) {
        return events.get(events.size() - 1).getFinished();
    }

    @Test
    void invalidSpecIsInvalidArgumentNamingEachKeyAndNothingIsSent() throws Exception {
        connect(Results.fresh(), "node1", "node2", "node3");
        String bad = SPEC.replace("replica = 3", "replica = 4").replace("brick = \"/gluster/brick\"", "brick = \"gluster/brick\"");

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> apply(bad));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        List<String> fields = new ArrayList<>();
        for (Any detail : StatusProto.fromThrowable(e).getDetailsList()) {
            detail.unpack(BadRequest.class).getFieldViolationsList().forEach(v -> fields.add(v.getField()));
        }
        assertTrue(fields.contains("volumes[0].replica"), fields.toString());
        assertTrue(fields.contains("volumes[0].brick"), fields.toString());
        assertEquals(0, actionsSent());
    }

    @Test
    void applyIsRefusedBeforeAnyChangeWhenANodeIsNotConnected() throws Exception {
        connect(Results.fresh(), "node1", "node2");

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> apply(SPEC));

        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("node3"), e.getStatus().getDescription());
        assertEquals(0, actionsSent());
    }

    @Test
    void planChecksEveryStepAndChangesNothing() throws Exception {
        connect(Results.fresh(), "node1", "node2", "node3");

        PlanResponse plan = coordinator.api().plan(PlanRequest.newBuilder().setSpec(SPEC).build());

        assertEquals(plan.getStepsCount(), plan.getChangeCount());
        assertTrue(plan.getStepsList().stream().allMatch(s -> s.getState() == StepState.STEP_STATE_WILL_CHANGE));
        assertTrue(agents.stream().flatMap(a -> a.received().stream()).allMatch(r -> r.getMode() == Mode.MODE_CHECK));
        assertTrue(coordinator.specStore.load().isEmpty());
    }

    @Test
    void applyRunsClusterStepsOnTheManagerOnlyAfterEveryNodeIsPrepared() throws Exception {
        connect(Results.fresh(), "node1", "node2", "node3");

        List<ApplyEvent> events = apply(SPEC);

        List<String> finishedOrder = events.stream().filter(ApplyEvent::hasStepFinished)
                .map(e -> e.getStepFinished().getNode() + "/" + e.getStepFinished().getStep()).toList();
        int lastPrepare = 0;
        for (int i = 0; i < finishedOrder.size(); i++) {
            if (finishedOrder.get(i).matches("node\\d/(hosts|packages|glusterd|brick-directory:.*)")) {
                lastPrepare = i;
            }
        }
        assertTrue(lastPrepare < finishedOrder.indexOf("node1/peers"), finishedOrder.toString());
        assertTrue(finishedOrder.indexOf("node1/peers") < finishedOrder.indexOf("node1/volume:staging-gfs"));
        assertTrue(finishedOrder.indexOf("node1/volume:staging-gfs") < finishedOrder.indexOf("node1/volume-started:staging-gfs"));
        assertTrue(finishedOrder.indexOf("node1/volume-started:staging-gfs") < finishedOrder.indexOf("node3/fstab:staging-gfs"));
        assertTrue(finishedOrder.indexOf("node3/fstab:staging-gfs") < finishedOrder.indexOf("node3/mount:staging-gfs"));
        assertTrue(finished(events).getSuccess());
        assertEquals(finishedOrder.size(), finished(events).getChangedCount());
        assertEquals(ActionRequest.ActionCase.PEERS, agents.get(0).received().stream()
                .filter(r -> r.getActionCase() == ActionRequest.ActionCase.PEERS).findFirst().get().getActionCase());
        assertTrue(agents.get(1).received().stream().noneMatch(r -> r.getActionCase() == ActionRequest.ActionCase.PEERS),
                "peer probe runs on the manager only");
    }

    @Test
    void failedStepStopsTheApplyNamesTheCommandAndSkipsLaterPhases() throws Exception {
        connect(Results.failing(ActionRequest.ActionCase.VOLUME), "node1", "node2", "node3");

        List<ApplyEvent> events = apply(SPEC);

        ApplyFinished done = finished(events);
        assertFalse(done.getSuccess());
        StepReport failure = done.getFirstFailure();
        assertEquals("node1", failure.getNode());
        assertEquals("volume:staging-gfs", failure.getStep());
        assertEquals(1, failure.getFailure().getExitCode());
        assertTrue(failure.getFailure().getStderr().contains("already part of a volume"));
        assertTrue(agents.stream().flatMap(a -> a.received().stream())
                .filter(r -> r.getMode() == Mode.MODE_APPLY)
                .noneMatch(r -> r.getActionCase() == ActionRequest.ActionCase.MOUNTED
                        || r.getActionCase() == ActionRequest.ActionCase.FSTAB_ENTRY
                        || r.getActionCase() == ActionRequest.ActionCase.VOLUME_STARTED));
        assertTrue(coordinator.specStore.load().isEmpty(), "a failed apply is not recorded as the applied spec");
    }

    @Test
    void applyOnAConvergedClusterReportsNothingChanged() throws Exception {
        connect(Results.inSync(), "node1", "node2", "node3");

        ApplyFinished done = finished(apply(SPEC));

        assertTrue(done.getSuccess());
        assertEquals(0, done.getChangedCount());
        assertTrue(agents.stream().flatMap(a -> a.received().stream()).allMatch(r -> r.getMode() == Mode.MODE_CHECK),
                "a converged cluster is only checked");
        assertEquals(io.brickwork.coordinator.spec.SpecParser.parse(SPEC, "test"),
                io.brickwork.coordinator.spec.SpecParser.parse(coordinator.specStore.load().orElseThrow(), "stored"));
    }

    @Test
    void stepsTheFirstCheckFoundInSyncAreReportedUnchangedWithoutBeingSentAgain() throws Exception {
        // Packages and glusterd are already right everywhere; the rest is a fresh cluster.
        Function<ActionRequest, Optional<ActionResult>> halfDone = request ->
                request.getActionCase() == ActionRequest.ActionCase.PACKAGES
                        || request.getActionCase() == ActionRequest.ActionCase.GLUSTERD
                        ? Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED)
                                .setSummary("already so").build())
                        : Results.fresh().apply(request);
        connect(halfDone, "node1", "node2", "node3");

        List<ApplyEvent> events = apply(SPEC);

        assertTrue(finished(events).getSuccess());
        List<ActionRequest> applied = agents.stream().flatMap(a -> a.received().stream())
                .filter(r -> r.getMode() == Mode.MODE_APPLY).toList();
        assertTrue(applied.stream().noneMatch(r -> r.getActionCase() == ActionRequest.ActionCase.PACKAGES
                || r.getActionCase() == ActionRequest.ActionCase.GLUSTERD), applied.toString());
        assertTrue(applied.stream().anyMatch(r -> r.getActionCase() == ActionRequest.ActionCase.HOSTS));
        List<StepReport> glusterd = events.stream().filter(ApplyEvent::hasStepFinished).map(ApplyEvent::getStepFinished)
                .filter(step -> step.getStep().equals("glusterd")).toList();
        assertEquals(3, glusterd.size(), "every node's step is still reported");
        assertTrue(glusterd.stream().allMatch(step -> step.getState() == StepState.STEP_STATE_UNCHANGED
                && step.getSummary().equals("already so")), glusterd.toString());
    }

    @Test
    void refusalFoundByTheFirstCheckStopsTheApplyBeforeAnythingChanges() throws Exception {
        Function<ActionRequest, Optional<ActionResult>> foreignBrick = request ->
                request.getActionCase() == ActionRequest.ActionCase.BRICK_DIRECTORY
                        ? Optional.of(ActionResult.newBuilder()
                                .setOutcome(io.brickwork.proto.agent.v1.Outcome.OUTCOME_REFUSED)
                                .setSummary("/gluster/brick holds data of another volume").build())
                        : Results.fresh().apply(request);
        connect(Results.fresh(), "node1", "node2");
        connect(foreignBrick, "node3");

        ApplyFinished done = finished(apply(SPEC));

        assertFalse(done.getSuccess());
        assertEquals(StepState.STEP_STATE_REFUSED, done.getFirstFailure().getState());
        assertEquals("node3", done.getFirstFailure().getNode());
        assertEquals(0, done.getChangedCount());
        assertTrue(agents.stream().flatMap(a -> a.received().stream()).allMatch(r -> r.getMode() == Mode.MODE_CHECK),
                "nothing may be applied anywhere");
    }

    @Test
    void agentThatNeverAnswersFailsItsStepWithATimeout() throws Exception {
        connect(Results.fresh(), "node1", "node2");
        connect(Results.silent(), "node3");

        ApplyFinished done = finished(apply(SPEC));

        assertFalse(done.getSuccess());
        assertEquals("node3", done.getFirstFailure().getNode());
        assertTrue(done.getFirstFailure().getSummary().contains("did not answer"), done.getFirstFailure().getSummary());
    }

    @Test
    void verifyOfAVolumeNotInTheAppliedSpecIsNotFound() throws Exception {
        connect(Results.inSync(), "node1", "node2", "node3");
        apply(SPEC);

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> coordinator.api().verify(VerifyRequest.newBuilder().setVolume("other").build()));

        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }
}
