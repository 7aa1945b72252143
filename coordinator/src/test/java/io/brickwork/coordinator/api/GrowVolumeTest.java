package io.brickwork.coordinator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.coordinator.testing.Results;
import io.brickwork.coordinator.testing.Specs;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.BrickHealFact;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.RebalanceState;
import io.brickwork.proto.agent.v1.VolumeState;
import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.ApplyRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spec appends node4..6 to a 1 x 3 volume: the apply adds the set, starts a rebalance and
 * waits for it; a rebalance that ends failed fails the operation; a volume that is healing is not
 * grown. The manager's glusterd is a fake that keeps the layout and the rebalance status.
 */
class GrowVolumeTest {
    static final String BRICK = "/gluster/brick";
    static final String GROWN = Specs.STAGING.replace("nodes = [node1, node2, node3]",
            "nodes = [node1, node2, node3, node4, node5, node6]");

    @RegisterExtension
    final InProcessCoordinator coordinator = new InProcessCoordinator(Duration.ofMillis(500));

    final List<String> layout = new CopyOnWriteArrayList<>(List.of("node1:" + BRICK, "node2:" + BRICK, "node3:" + BRICK));
    /** What the rebalance status reports once a rebalance was started, read by read. */
    final List<String> rebalanceReads = new CopyOnWriteArrayList<>(List.of("in progress", "in progress", "completed"));
    final AtomicInteger rebalanceRead = new AtomicInteger();
    final AtomicInteger progressReads = new AtomicInteger();
    final AtomicReference<Long> pending = new AtomicReference<>(0L);
    final List<String> changes = new CopyOnWriteArrayList<>();

    private Function<ActionRequest, Optional<ActionResult>> manager() {
        return request -> switch (request.getActionCase()) {
            case DESCRIBE_VOLUME -> Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED)
                    .setVolume(volume(request)).build());
            case ADD_BRICKS -> {
                if (layout.size() == 6) {
                    yield Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED).build());
                }
                if (request.getMode() == Mode.MODE_APPLY) {
                    request.getAddBricks().getBricksList().forEach(brick -> layout.add(brick.getHost() + ":" + BRICK));
                    changes.add("add-brick");
                }
                yield Results.fresh().apply(request);
            }
            case START_REBALANCE -> {
                if (request.getMode() == Mode.MODE_APPLY) {
                    changes.add("rebalance-start");
                }
                yield Results.fresh().apply(request);
            }
            default -> Results.fresh().apply(request);
        };
    }

    private VolumeState volume(ActionRequest request) {
        // As the agent answers a wait's read once the rebalance is reported: its status alone.
        boolean progressOnly = request.getDescribeVolume().getProgressOnly() && changes.contains("rebalance-start");
        if (progressOnly) {
            progressReads.incrementAndGet();
        }
        VolumeState.Builder volume = progressOnly ? VolumeState.newBuilder().setExists(true).setLayoutUnread(true)
                : VolumeState.newBuilder().setExists(true).setReplica(3).setStatus("Started").addAllBricks(layout);
        if (request.getDescribeVolume().getBrickStates() && !request.getDescribeVolume().getHealCounts()) {
            volume.addAllOnlineBricks(layout);
        }
        if (request.getDescribeVolume().getHealCounts()) {
            volume.addAllOnlineBricks(layout);
            layout.forEach(brick -> volume.addHeals(BrickHealFact.newBuilder().setBrick(brick).setConnected(true)
                    .setPending(brick.startsWith("node2") ? pending.get() : 0)));
        }
        if (request.getDescribeVolume().getRebalance() && changes.contains("rebalance-start")) {
            String status = rebalanceReads.get(Math.min(rebalanceRead.getAndIncrement(), rebalanceReads.size() - 1));
            // "completed-busy": completed with a file it could not move (one being written at the time).
            volume.setRebalance(RebalanceState.newBuilder().setStarted(true).setTaskId("t1")
                    .setStatus(status.replace("-busy", "")).setFiles(7).setScanned(30)
                    .setFailures(status.endsWith("-busy") ? 1 : 0));
        }
        return volume.build();
    }

    private List<FakeAgent> cluster() throws Exception {
        List<FakeAgent> agents = new ArrayList<>();
        agents.add(coordinator.connect("node1", "10.213.0.11", manager()));
        for (int k = 2; k <= 6; k++) {
            agents.add(coordinator.connect("node" + k, "10.213.0.1" + k, Results.fresh()));
        }
        return agents;
    }

    private List<ApplyEvent> apply(String spec) {
        List<ApplyEvent> events = new ArrayList<>();
        coordinator.api().apply(ApplyRequest.newBuilder().setSpec(spec).setSkipVerify(true).build())
                .forEachRemaining(events::add);
        return events;
    }

    private static List<String> finishedSteps(List<ApplyEvent> events) {
        return events.stream().filter(ApplyEvent::hasStepFinished)
                .map(event -> event.getStepFinished().getStep() + "=" + event.getStepFinished().getState().name()
                        .replace("STEP_STATE_", ""))
                .toList();
    }

    @Test
    void addsTheSetStartsARebalanceAndWaitsUntilItHasCompletedBeforeTheRest() throws Exception {
        cluster();

        List<ApplyEvent> events = apply(GROWN);

        List<String> steps = finishedSteps(events);
        assertEquals(List.of("add-brick", "rebalance-start"), changes);
        int rebalance = steps.indexOf("rebalance:staging-gfs=CHANGED");
        assertTrue(rebalance > steps.indexOf("rebalance-start:staging-gfs=CHANGED"), steps.toString());
        assertTrue(rebalance < steps.indexOf("mount:staging-gfs=CHANGED"), steps.toString());
        assertEquals(rebalanceReads.size(), progressReads.get(), "the wait reads the rebalance status alone");
        assertTrue(events.get(events.size() - 1).getFinished().getSuccess(), events.get(events.size() - 1).toString());
        assertEquals(3, rebalanceRead.get(), "read until completed");
    }

    @Test
    void aRebalanceThatEndsFailedFailsTheOperationAndTheSpecIsNotStored() throws Exception {
        rebalanceReads.clear();
        rebalanceReads.addAll(List.of("in progress", "failed"));
        cluster();

        List<ApplyEvent> events = apply(GROWN);

        ApplyEvent last = events.get(events.size() - 1);
        assertFalse(last.getFinished().getSuccess(), last.toString());
        assertEquals("rebalance:staging-gfs", last.getFinished().getFirstFailure().getStep());
        assertTrue(last.getFinished().getFirstFailure().getSummary().contains("ended failed"),
                last.getFinished().getFirstFailure().getSummary());
        assertTrue(coordinator.specStore.load().isEmpty(), "the grown spec is not the applied one");
    }

    @Test
    void aRebalanceThatCouldNotMoveABusyFileIsStartedAgainAndTheGrowthSucceedsWhenTheNextMovesIt() throws Exception {
        rebalanceReads.clear();
        rebalanceReads.addAll(List.of("in progress", "completed-busy", "in progress", "completed"));
        cluster();

        List<ApplyEvent> events = apply(GROWN);

        assertEquals(List.of("add-brick", "rebalance-start", "rebalance-start"), changes);
        assertTrue(events.get(events.size() - 1).getFinished().getSuccess(), events.get(events.size() - 1).toString());
    }

    @Test
    void aRebalanceThatKeepsFailingToMoveFilesFailsTheOperationAfterThreeAttempts() throws Exception {
        rebalanceReads.clear();
        rebalanceReads.add("completed-busy");
        cluster();

        List<ApplyEvent> events = apply(GROWN);

        assertEquals(List.of("add-brick", "rebalance-start", "rebalance-start", "rebalance-start"), changes);
        ApplyEvent last = events.get(events.size() - 1);
        assertFalse(last.getFinished().getSuccess(), last.toString());
        assertTrue(last.getFinished().getFirstFailure().getSummary().contains("could not be moved, 3 times in a row"),
                last.getFinished().getFirstFailure().getSummary());
    }

    @Test
    void aVolumeThatIsHealingIsNotGrownAndNothingChanges() throws Exception {
        pending.set(12L);
        List<FakeAgent> agents = cluster();

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> apply(GROWN));

        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("is healing (12 entries pending)"), e.getStatus().getDescription());
        assertEquals(List.of(), changes);
        for (FakeAgent agent : agents) {
            assertTrue(agent.received().stream().allMatch(request -> request.getMode() == Mode.MODE_CHECK), agent.kinds().toString());
        }
    }
}
