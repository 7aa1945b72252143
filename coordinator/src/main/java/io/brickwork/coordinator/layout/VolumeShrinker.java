package io.brickwork.coordinator.layout;

import static io.brickwork.coordinator.operation.StepReports.finished;
import static io.brickwork.coordinator.operation.StepReports.report;
import static io.brickwork.coordinator.operation.StepReports.single;
import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.apply.PlanRunner;
import io.brickwork.coordinator.apply.RunResult;
import io.brickwork.coordinator.apply.StepListener;
import io.brickwork.coordinator.operation.Operation;
import io.brickwork.coordinator.plan.PlannedStep;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.RebalanceNode;
import io.brickwork.proto.agent.v1.RebalanceState;
import io.brickwork.proto.agent.v1.RemoveBricks;
import io.brickwork.proto.agent.v1.VolumeState;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Takes whole replica sets out of volumes, as gluster's own procedure has it: the safety rules on
 * a fresh read, {@code remove-brick start}, a wait until the migration of their files reports
 * completed without failures, then, on a read made just before it, {@code remove-brick commit}.
 * Every step re-checks what is first, so running it again after a restart continues where
 * gluster is: a running migration is waited for, not started again, and bricks already gone are
 * done. The rest of the spec is the ordinary apply that follows.
 */
public final class VolumeShrinker {
    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    /** A migration that glusterd still does not report this long after its start has failed to start. */
    static final Duration NOT_REPORTED = Duration.ofMinutes(2);

    private final PlanRunner runner;
    private final VolumeStates states;
    private final Clock clock;
    private final Duration stepTimeout;

    public VolumeShrinker(PlanRunner runner, VolumeStates states, Clock clock, Duration stepTimeout) {
        this.runner = requireNonNull(runner, "runner is null");
        this.states = requireNonNull(states, "states is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.stepTimeout = requireNonNull(stepTimeout, "stepTimeout is null");
    }

    /** @throws LayoutChangeRefusedException the first shrink that is not safe now */
    public void requireSafe(String manager, List<Shrink> shrinks, String requestedBy)
            throws LayoutChangeRefusedException, VolumeStates.ReadFailedException {
        for (Shrink shrink : shrinks) {
            VolumeState state = states.read(manager, shrink.volume(), true, true, requestedBy);
            Optional<String> refusal = LayoutSafety.check(shrink, state);
            if (refusal.isPresent()) {
                throw new LayoutChangeRefusedException(refusal.get());
            }
        }
    }

    /** @return the first step that failed or was refused; empty when every set has left */
    public Optional<StepReport> shrink(Operation operation, ClusterSpec spec, List<Shrink> shrinks,
            StepListener listener, String requestedBy) {
        for (Shrink shrink : shrinks) {
            if (shrink.lowersReplica()) {
                Optional<StepReport> failed = lowerReplica(operation, spec, shrink, listener, requestedBy);
                if (failed.isPresent()) {
                    return failed;
                }
                continue;
            }
            Optional<StepReport> failed = start(operation, spec, shrink, listener, requestedBy)
                    .or(() -> awaitMigration(operation, spec.manager(), shrink, listener, requestedBy))
                    .or(() -> commit(operation, spec, shrink, listener, requestedBy));
            if (failed.isPresent()) {
                return failed;
            }
        }
        return Optional.empty();
    }

    /**
     * One brick of every set leaves with {@code force}, which moves nothing: only on a fresh read
     * showing every copy in sync (the safety rules here, and the agent's step reads the heal counts
     * again in the same call as the removal).
     */
    private Optional<StepReport> lowerReplica(Operation operation, ClusterSpec spec, Shrink shrink,
            StepListener listener, String requestedBy) {
        PlannedStep step = new PlannedStep(spec.manager(), "remove-brick-replica:" + shrink.volume(),
                ActionRequest.newBuilder().setRemoveBricks(RemoveBricks.newBuilder()
                        .setVolume(shrink.volume())
                        .addAllBricks(shrink.removed().stream().map(VolumeStates::brick).toList())
                        .setReplica(shrink.replicaAfter())).build(), stepTimeout);
        StepReport checked = check(spec, step, requestedBy);
        if (checked.getState() != StepState.STEP_STATE_WILL_CHANGE) {
            return settled(listener, checked);
        }
        operation.stage("checking that every copy of " + shrink.volume() + " is in sync");
        try {
            requireSafe(spec.manager(), List.of(shrink), requestedBy);
        } catch (LayoutChangeRefusedException e) {
            return Optional.of(finished(listener, spec.manager(), step.name(), StepState.STEP_STATE_REFUSED,
                    e.getMessage()));
        } catch (VolumeStates.ReadFailedException e) {
            return Optional.of(finished(listener, spec.manager(), step.name(), StepState.STEP_STATE_FAILED,
                    e.getMessage()));
        }
        operation.stage(shrink.describe() + ": removing " + String.join(" ", shrink.removed()));
        RunResult removed = runner.run(single(spec, step), Mode.MODE_APPLY, listener, requestedBy);
        return removed.success() ? Optional.empty() : removed.firstFailure();
    }

    private Optional<StepReport> start(Operation operation, ClusterSpec spec, Shrink shrink, StepListener listener,
            String requestedBy) {
        PlannedStep step = step(spec.manager(), "remove-brick-start:" + shrink.volume(), shrink, false);
        StepReport checked = check(spec, step, requestedBy);
        if (checked.getState() != StepState.STEP_STATE_WILL_CHANGE) {
            return settled(listener, checked);
        }
        operation.stage("checking that " + shrink.volume() + " can shrink safely");
        try {
            requireSafe(spec.manager(), List.of(shrink), requestedBy);
        } catch (LayoutChangeRefusedException e) {
            return Optional.of(finished(listener, spec.manager(), step.name(), StepState.STEP_STATE_REFUSED,
                    e.getMessage()));
        } catch (VolumeStates.ReadFailedException e) {
            return Optional.of(finished(listener, spec.manager(), step.name(), StepState.STEP_STATE_FAILED,
                    e.getMessage()));
        }
        operation.stage(shrink.describe() + ": migrating the files off " + String.join(" ", shrink.removed()));
        RunResult started = runner.run(single(spec, step), Mode.MODE_APPLY, listener, requestedBy);
        return started.success() ? Optional.empty() : started.firstFailure();
    }

    /** Until the migration off the bricks is completed; failures, stopped or failed fail the operation. */
    private Optional<StepReport> awaitMigration(Operation operation, String manager, Shrink shrink,
            StepListener listener, String requestedBy) {
        String name = "migration:" + shrink.volume();
        listener.started(report(manager, name, StepState.STEP_STATE_RUNNING, "waiting for the files to migrate off "
                + String.join(" ", shrink.removed())));
        long begun = clock.millis();
        long shown = 0;
        String shownStatus = "";
        while (true) {
            try {
                VolumeState state = states.migrationProgress(manager, shrink.volume(), shrink.removed(), requestedBy);
                RebalanceState migration = state.getRemoval();
                if (!state.getLayoutUnread() && shrink.removed().stream().noneMatch(state.getBricksList()::contains)) {
                    listener.finished(report(manager, name, StepState.STEP_STATE_UNCHANGED,
                            String.join(" ", shrink.removed()) + " have already left " + shrink.volume()));
                    return Optional.empty();
                }
                if (!state.getRemovalUnread().isEmpty()) {
                    operation.progress("waiting to read the migration off the bricks of " + shrink.volume() + ": "
                            + state.getRemovalUnread());
                } else if (!migration.getStarted()) {
                    if (clock.millis() - begun > NOT_REPORTED.toMillis()) {
                        return Optional.of(finished(listener, manager, name, StepState.STEP_STATE_FAILED,
                                "glusterd reports no migration off " + String.join(" ", shrink.removed()) + " "
                                        + NOT_REPORTED.toMinutes() + " minutes after its start"));
                    }
                } else {
                    String status = migration.getStatus();
                    if (!status.equals(shownStatus) || clock.millis() - shown >= PROGRESS_EVERY.toMillis()) {
                        operation.progress("migration off " + String.join(" ", shrink.removed()) + ": " + status + ", "
                                + migration.getScanned() + " scanned, " + migration.getFiles() + " moved, "
                                + migration.getFailures() + " failed (" + perNode(migration) + ")");
                        shown = clock.millis();
                        shownStatus = status;
                    }
                    if (status.equals("completed") && migration.getFailures() == 0) {
                        listener.finished(report(manager, name, StepState.STEP_STATE_CHANGED, "every file migrated off "
                                + String.join(" ", shrink.removed()) + ": " + migration.getFiles() + " moved, "
                                + migration.getScanned() + " scanned in " + Math.round(migration.getRuntimeSeconds())
                                + " s"));
                        return Optional.empty();
                    }
                    if (!status.contains("in progress") && !status.equals("not started")) {
                        return Optional.of(finished(listener, manager, name, StepState.STEP_STATE_FAILED,
                                "the migration off " + String.join(" ", shrink.removed()) + " ended " + status + " with "
                                        + migration.getFailures() + " failures (" + perNode(migration) + "); nothing"
                                        + " was committed, the bricks are still in " + shrink.volume() + "; see"
                                        + " /var/log/glusterfs/" + shrink.volume() + "-rebalance.log on those nodes,"
                                        + " then `gluster volume remove-brick " + shrink.volume() + " ... stop` and"
                                        + " apply again"));
                    }
                }
            } catch (VolumeStates.ReadFailedException e) {
                operation.progress("waiting to read the migration of " + shrink.volume() + ": " + e.getMessage());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(finished(listener, manager, name, StepState.STEP_STATE_FAILED,
                        "interrupted: the coordinator is stopping; it resumes the wait when it starts again"));
            }
        }
    }

    /**
     * The commit loses whatever is still on the bricks, so it runs only after a read made right
     * before it: every remaining brick online and the migration completed without failures (the
     * agent's step checks the migration once more in the same call).
     */
    private Optional<StepReport> commit(Operation operation, ClusterSpec spec, Shrink shrink, StepListener listener,
            String requestedBy) {
        String manager = spec.manager();
        PlannedStep step = step(manager, "remove-brick-commit:" + shrink.volume(), shrink, true);
        StepReport checked = check(spec, step, requestedBy);
        if (checked.getState() != StepState.STEP_STATE_WILL_CHANGE) {
            return settled(listener, checked);
        }
        try {
            VolumeState state = states.read(manager, shrink.volume(), true, false, shrink.removed(), requestedBy);
            List<String> offline = shrink.after().stream().filter(brick -> !state.getOnlineBricksList().contains(brick))
                    .toList();
            if (!offline.isEmpty()) {
                return Optional.of(finished(listener, manager, step.name(), StepState.STEP_STATE_REFUSED,
                        "not committed: " + String.join(", ", offline) + " offline, which would hold the only copies"
                                + " of the migrated files; bring them back and apply again"));
            }
        } catch (VolumeStates.ReadFailedException e) {
            return Optional.of(finished(listener, manager, step.name(), StepState.STEP_STATE_FAILED, e.getMessage()));
        }
        operation.stage(shrink.describe() + ": committing the removal of " + String.join(" ", shrink.removed()));
        RunResult committed = runner.run(single(spec, step), Mode.MODE_APPLY, listener, requestedBy);
        return committed.success() ? Optional.empty() : committed.firstFailure();
    }

    private StepReport check(ClusterSpec spec, PlannedStep step, String requestedBy) {
        return runner.run(single(spec, step), Mode.MODE_CHECK, StepListener.NONE, requestedBy).steps().get(0);
    }

    /** A step found in sync is reported unchanged; a refused or failed check ends the shrink. */
    private static Optional<StepReport> settled(StepListener listener, StepReport checked) {
        if (checked.getState() == StepState.STEP_STATE_IN_SYNC) {
            listener.finished(checked.toBuilder().setState(StepState.STEP_STATE_UNCHANGED).build());
            return Optional.empty();
        }
        listener.finished(checked);
        return Optional.of(checked);
    }

    private PlannedStep step(String manager, String name, Shrink shrink, boolean commit) {
        return new PlannedStep(manager, name, ActionRequest.newBuilder().setRemoveBricks(RemoveBricks.newBuilder()
                .setVolume(shrink.volume())
                .addAllBricks(shrink.removed().stream().map(VolumeStates::brick).toList())
                .setCommit(commit)).build(), stepTimeout);
    }

    private static String perNode(RebalanceState migration) {
        return String.join("; ", migration.getNodesList().stream()
                .map((RebalanceNode node) -> node.getNode() + " " + node.getStatus() + " " + node.getFiles() + " moved "
                        + node.getFailures() + " failed")
                .toList());
    }
}
