package io.brickwork.coordinator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.operation.OperationJournal;
import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.coordinator.testing.Results;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.BrickHealFact;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.VolumeState;
import io.brickwork.proto.coordinator.state.v1.JournaledOperation;
import io.brickwork.proto.coordinator.state.v1.JournaledReplacement;
import io.brickwork.proto.coordinator.v1.ListOperationsRequest;
import io.brickwork.proto.coordinator.v1.OperationState;
import io.brickwork.proto.coordinator.v1.OperationSummary;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The coordinator stopped while it waited for node7's heal: the replace-brick had committed. On
 * start it runs the operation again under its id, finds the brick replaced (nothing replayed),
 * waits for the heal, detaches node3 and applies the rest.
 */
class ResumeOperationTest {
    static final String BRICK = "/gluster/brick";
    static final List<String> BEFORE = List.of("node1:" + BRICK, "node2:" + BRICK, "node3:" + BRICK);
    static final List<String> AFTER = List.of("node1:" + BRICK, "node2:" + BRICK, "node7:" + BRICK);

    /** glusterd already shows node7 in node3's place, every brick online and healed. */
    static Function<ActionRequest, Optional<ActionResult>> manager() {
        return request -> {
            if (request.hasDescribeVolume()) {
                VolumeState.Builder volume = VolumeState.newBuilder().setExists(true).setReplica(3)
                        .setStatus("Started").addAllBricks(AFTER);
                if (request.getDescribeVolume().getHealCounts()) {
                    volume.addAllOnlineBricks(AFTER);
                    AFTER.forEach(brick -> volume.addHeals(BrickHealFact.newBuilder().setBrick(brick).setConnected(true)));
                }
                return Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED).setVolume(volume)
                        .build());
            }
            if (request.hasReplaceBrick()) {
                return Optional.of(ActionResult.newBuilder().setOutcome(request.getMode() == Mode.MODE_CHECK
                        ? Outcome.OUTCOME_UNCHANGED : Outcome.OUTCOME_FAILED).setSummary("in sync").build());
            }
            return Results.fresh().apply(request);
        };
    }

    @Test
    void anOperationInterruptedMidHealResumesUnderItsIdOnceItsNodesConnectAndReplaysNothing() throws Exception {
        InProcessCoordinator coordinator = new InProcessCoordinator(Duration.ofMillis(500));
        new OperationJournal(coordinator.stateDir()).save(JournaledOperation.newBuilder()
                .setId("0a1b2c3d")
                .setKind("replace node3 with node7")
                .setSpec(ReplaceNodeTest.REPLACED)
                .setSkipVerify(true)
                .setRequestedBy("unix:uid=0")
                .setStartedUnixMs(1)
                .addStepsDone("node1 / replace-brick:staging-gfs:node3:" + BRICK + ": changed")
                .setStepInProgress("node1 / heal:staging-gfs:node7:" + BRICK)
                .addReplacements(JournaledReplacement.newBuilder().setVolume("staging-gfs")
                        .setOldBrick("node3:" + BRICK).setNewBrick("node7:" + BRICK).addAllReplicaSet(BEFORE))
                .build());
        coordinator.beforeEach(null);
        try {
            FakeAgent node1 = coordinator.connect("node1", "10.213.0.11", manager());
            coordinator.connect("node2", "10.213.0.12", Results.fresh());
            coordinator.connect("node7", "10.213.0.17", Results.fresh());

            OperationSummary resumed = awaitFinished(coordinator, "0a1b2c3d");

            assertEquals(OperationState.OPERATION_STATE_SUCCEEDED, resumed.getState(), resumed.toString());
            assertTrue(resumed.getStepsDoneList().contains("node1 / replace-brick:staging-gfs:node3:" + BRICK
                    + ": unchanged"), resumed.getStepsDoneList().toString());
            assertTrue(resumed.getStepsDoneList().contains("node1 / heal:staging-gfs:node7:" + BRICK + ": changed"));
            assertTrue(resumed.getStepsDoneList().contains("node1 / detach-peer:node3: changed"));
            assertTrue(node1.received().stream().noneMatch(request -> request.hasReplaceBrick()
                    && request.getMode() == Mode.MODE_APPLY), "the committed replace is not sent again");
        } finally {
            coordinator.afterEach(null);
        }
    }

    private static OperationSummary awaitFinished(InProcessCoordinator coordinator, String id) throws InterruptedException {
        OperationSummary last = null;
        for (int i = 0; i < 300; i++) {
            last = coordinator.api().listOperations(ListOperationsRequest.getDefaultInstance()).getOperationsList()
                    .stream().filter(operation -> operation.getId().equals(id)).findFirst().orElse(null);
            if (last != null && last.getState() != OperationState.OPERATION_STATE_RUNNING) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("operation " + id + " did not finish: " + last);
    }
}
