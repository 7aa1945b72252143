package io.brickwork.coordinator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 2 x 3 volume whose spec keeps node1..3: the apply starts the migration off node4..6, waits
 * for it and commits only once it has completed; a migration that fails is never committed.
 */
class ShrinkVolumeTest {
    static final String BRICK = "/gluster/brick";
    static final String SHRUNK = Specs.STAGING
            .replace("nodes = [node1, node2, node3]", "nodes = [node1, node2, node3, node4, node5, node6]")
            .replace("  brick = ", "  nodes = [node1, node2, node3]\n  brick = ");

    @RegisterExtension
    final InProcessCoordinator coordinator = new InProcessCoordinator(Duration.ofMillis(500));

    final List<String> layout = new CopyOnWriteArrayList<>(List.of("node1:" + BRICK, "node2:" + BRICK, "node3:" + BRICK,
            "node4:" + BRICK, "node5:" + BRICK, "node6:" + BRICK));
    final List<String> migrationReads = new CopyOnWriteArrayList<>(List.of("in progress", "in progress", "completed"));
    final AtomicInteger migrationRead = new AtomicInteger();
    final AtomicInteger progressReads = new AtomicInteger();
    final List<String> changes = new CopyOnWriteArrayList<>();

    private Function<ActionRequest, Optional<ActionResult>> manager() {
        return request -> switch (request.getActionCase()) {
            case DESCRIBE_VOLUME -> Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED)
                    .setVolume(volume(request)).build());
            case REMOVE_BRICKS -> {
                boolean commit = request.getRemoveBricks().getCommit();
                if (request.getMode() == Mode.MODE_APPLY) {
                    changes.add(commit ? "commit" : "start");
                    if (commit) {
                        layout.removeIf(brick -> !brick.matches("node[123]:.*"));
                    }
                }
                yield Results.fresh().apply(request);
            }
            default -> Results.fresh().apply(request);
        };
    }

    private VolumeState volume(ActionRequest request) {
        // As the agent answers a wait's read once the migration is reported: its status alone, no bricks.
        boolean progressOnly = request.getDescribeVolume().getProgressOnly() && changes.contains("start");
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
            layout.forEach(brick -> volume.addHeals(BrickHealFact.newBuilder().setBrick(brick).setConnected(true)));
        }
        if (request.getDescribeVolume().getRemovingCount() > 0 && changes.contains("start")) {
            String status = migrationReads.get(Math.min(migrationRead.getAndIncrement(), migrationReads.size() - 1));
            volume.setRemoval(RebalanceState.newBuilder().setStarted(true).setTaskId("t2").setStatus(status)
                    .setFiles(9).setScanned(40).setFailures(status.equals("failed") ? 3 : 0));
        }
        return volume.build();
    }

    private void cluster() throws Exception {
        coordinator.connect("node1", "10.213.0.11", manager());
        for (int k = 2; k <= 6; k++) {
            coordinator.connect("node" + k, "10.213.0.1" + k, Results.fresh());
        }
    }

    private List<ApplyEvent> apply(String spec) {
        List<ApplyEvent> events = new ArrayList<>();
        coordinator.api().apply(ApplyRequest.newBuilder().setSpec(spec).setSkipVerify(true).build())
                .forEachRemaining(events::add);
        return events;
    }

    @Test
    void startsTheMigrationWaitsForItAndCommitsOnlyAfterItHasCompleted() throws Exception {
        cluster();

        List<ApplyEvent> events = apply(SHRUNK);

        assertEquals(List.of("start", "commit"), changes);
        assertEquals(4, migrationRead.get(), "read until completed, and once more just before the commit");
        assertEquals(3, progressReads.get(), "the wait reads the migration status alone, without bricks");
        assertTrue(events.get(events.size() - 1).getFinished().getSuccess(), events.get(events.size() - 1).toString());
    }

    @Test
    void aMigrationThatFailsIsNeverCommitted() throws Exception {
        migrationReads.clear();
        migrationReads.addAll(List.of("in progress", "failed"));
        cluster();

        List<ApplyEvent> events = apply(SHRUNK);

        assertEquals(List.of("start"), changes);
        ApplyEvent last = events.get(events.size() - 1);
        assertFalse(last.getFinished().getSuccess(), last.toString());
        assertEquals("migration:staging-gfs", last.getFinished().getFirstFailure().getStep());
        assertTrue(last.getFinished().getFirstFailure().getSummary().contains("nothing was committed"),
                last.getFinished().getFirstFailure().getSummary());
    }
}
