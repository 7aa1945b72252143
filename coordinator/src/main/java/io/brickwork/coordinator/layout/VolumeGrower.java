package io.brickwork.coordinator.layout;

import static io.brickwork.coordinator.operation.StepReports.finished;
import static io.brickwork.coordinator.operation.StepReports.report;
import static io.brickwork.coordinator.operation.StepReports.single;
import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.apply.PlanRunner;
import io.brickwork.coordinator.apply.RunResult;
import io.brickwork.coordinator.apply.StepListener;
import io.brickwork.coordinator.operation.Operation;
import io.brickwork.coordinator.plan.Plan;
import io.brickwork.coordinator.plan.PlannedStep;
import io.brickwork.coordinator.plan.Planner;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.AddBricks;
import io.brickwork.proto.agent.v1.Brick;
import io.brickwork.proto.agent.v1.BrickHealFact;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.RebalanceNode;
import io.brickwork.proto.agent.v1.RebalanceState;
import io.brickwork.proto.agent.v1.StartRebalance;
import io.brickwork.proto.agent.v1.VolumeState;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Grows volumes by whole replica sets, as gluster's own procedure has it: every node prepared and
 * the new ones probed into the pool (as for a fresh apply); per volume, the safety rules on a
 * fresh read, {@code add-brick}, {@code rebalance start}, and a wait until {@code rebalance
 * status} reports it completed without failures. Every step re-checks what is first, and the
 * start of a rebalance is journaled, so running it again after a restart continues where gluster
 * is. The rest of the spec (mounts, fstab, drop-in, auth.allow on the new nodes) is the ordinary
 * apply that follows.
 */
public final class VolumeGrower {
    /** How often the rebalance status is read while waiting: cheap, and the end is seen within a second. */
    static final Duration POLL = Duration.ofSeconds(1);
    /** A rebalance that glusterd still does not report this long after its start has failed to start. */
    static final Duration NOT_REPORTED = Duration.ofMinutes(2);
    static final String IN_PROGRESS = "in progress";
    /** Rebalances started for one growth while the last one completes with files it could not move. */
    static final int REBALANCE_ATTEMPTS = 3;
    /** A raised replica count's heal is not judged before this: the new bricks are marked for healing first. */
    static final Duration HEAL_SETTLE = Duration.ofSeconds(10);
    /** A heal whose backlog has not shrunk for this long is reported as stuck. */
    static final Duration HEAL_STALL = Duration.ofMinutes(30);
    /** Progress goes to the watchers at most this often (and whenever the status changes). */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final Planner planner;
    private final PlanRunner runner;
    private final VolumeStates states;
    private final Clock clock;
    private final Duration stepTimeout;

    public VolumeGrower(Planner planner, PlanRunner runner, VolumeStates states, Clock clock, Duration stepTimeout) {
        this.planner = requireNonNull(planner, "planner is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.states = requireNonNull(states, "states is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.stepTimeout = requireNonNull(stepTimeout, "stepTimeout is null");
    }

    /** The step name under which the start of a volume's rebalance is journaled. */
    public static String rebalanceStartStep(String volume) {
        return "rebalance-start:" + volume;
    }

    /**
     * The safety rules for every growth on fresh reads, before anything changes.
     *
     * @throws LayoutChangeRefusedException the first that is not safe
     */
    public void requireSafe(String manager, List<Growth> growths, String requestedBy)
            throws LayoutChangeRefusedException, VolumeStates.ReadFailedException {
        for (Growth growth : growths) {
            VolumeState state = states.read(manager, growth.volume(), true, true, requestedBy);
            Optional<String> refusal = LayoutSafety.check(growth, state);
            if (refusal.isPresent()) {
                throw new LayoutChangeRefusedException(refusal.get());
            }
        }
    }

    /**
     * @param stepsDone the operation's journaled steps ({@code node / step: state}); a rebalance
     *     whose start is among them is waited for, not started again
     * @return the first step that failed or was refused; empty when every volume has grown and rebalanced
     */
    public Optional<StepReport> grow(Operation operation, ClusterSpec spec, Map<String, String> addresses,
            List<Growth> growths, StepListener listener, String requestedBy, List<String> stepsDone) {
        operation.stage("preparing every node and probing " + String.join(", ", growths.stream()
                .flatMap(growth -> growth.newHosts().stream()).distinct().toList()) + " into the pool");
        RunResult joined = runner.run(planner.join(spec, addresses), Mode.MODE_APPLY, listener, requestedBy);
        if (!joined.success()) {
            return joined.firstFailure();
        }
        for (Growth growth : growths) {
            Optional<StepReport> failed = addBricks(operation, spec, growth, listener, requestedBy)
                    .or(() -> growth.raiseReplica() ? awaitHeal(operation, spec.manager(), growth, listener, requestedBy)
                            : rebalance(operation, spec, growth, listener, requestedBy, stepsDone));
            if (failed.isPresent()) {
                return failed;
            }
        }
        return Optional.empty();
    }

    private Optional<StepReport> addBricks(Operation operation, ClusterSpec spec, Growth growth, StepListener listener,
            String requestedBy) {
        String manager = spec.manager();
        PlannedStep step = new PlannedStep(manager, "add-brick:" + growth.volume(), ActionRequest.newBuilder()
                .setAddBricks(AddBricks.newBuilder()
                        .setVolume(growth.volume())
                        .setReplica(growth.replica())
                        .setArbiterCount(growth.arbiterCount())
                        .addAllExisting(growth.existing().stream().map(VolumeGrower::brick).toList())
                        .addAllBricks(growth.added().stream().map(VolumeGrower::brick).toList())
                        .setForce(growth.force())
                        .setRaiseReplica(growth.raiseReplica()))
                .build(), stepTimeout);
        Plan plan = single(spec, step);
        StepReport checked = runner.run(plan, Mode.MODE_CHECK, StepListener.NONE, requestedBy).steps().get(0);
        if (checked.getState() == StepState.STEP_STATE_IN_SYNC) {
            listener.finished(checked.toBuilder().setState(StepState.STEP_STATE_UNCHANGED).build());
            return Optional.empty();
        }
        if (checked.getState() != StepState.STEP_STATE_WILL_CHANGE) {
            listener.finished(checked);
            return Optional.of(checked);
        }
        // Again on a fresh read right before the change: the cluster may have moved since the apply began.
        operation.stage("checking that " + growth.volume() + " can grow safely");
        try {
            requireSafe(manager, List.of(growth), requestedBy);
        } catch (LayoutChangeRefusedException e) {
            return Optional.of(finished(listener, manager, step.name(), StepState.STEP_STATE_REFUSED, e.getMessage()));
        } catch (VolumeStates.ReadFailedException e) {
            return Optional.of(finished(listener, manager, step.name(), StepState.STEP_STATE_FAILED, e.getMessage()));
        }
        operation.stage(growth.describe() + ": adding " + String.join(" ", growth.added()));
        RunResult added = runner.run(plan, Mode.MODE_APPLY, listener, requestedBy);
        return added.success() ? Optional.empty() : added.firstFailure();
    }

    private Optional<StepReport> rebalance(Operation operation, ClusterSpec spec, Growth growth, StepListener listener,
            String requestedBy, List<String> stepsDone) {
        String manager = spec.manager();
        String startName = rebalanceStartStep(growth.volume());
        String journaled = manager + " / " + startName + ":";
        boolean started = stepsDone.stream().anyMatch(done -> done.startsWith(journaled)
                && !done.endsWith(": failed") && !done.endsWith(": refused"));
        for (int attempt = 1; ; attempt++) {
            if (!started) {
                operation.stage("starting the rebalance of " + growth.volume()
                        + (attempt > 1 ? " again (attempt " + attempt + " of " + REBALANCE_ATTEMPTS + ")" : ""));
                PlannedStep start = new PlannedStep(manager, startName, ActionRequest.newBuilder()
                        .setStartRebalance(StartRebalance.newBuilder().setVolume(growth.volume())).build(), stepTimeout);
                RunResult result = runner.run(single(spec, start), Mode.MODE_APPLY, listener, requestedBy);
                if (!result.success()) {
                    return result.firstFailure();
                }
            }
            Waited waited = awaitRebalance(operation, manager, growth.volume(), listener, requestedBy,
                    attempt >= REBALANCE_ATTEMPTS);
            if (!waited.again()) {
                return waited.failure();
            }
            started = false;
        }
    }

    /** How a wait for a rebalance ended: its failure, if any, or a rebalance to run again. */
    private record Waited(Optional<StepReport> failure, boolean again) {}

    /**
     * Until the aggregate status is completed: stopped or failed fail the operation. Completed with
     * files that could not be moved (a file busy at that moment) asks for another rebalance, which
     * moves what is left, unless this was the last attempt; then it fails the operation too.
     */
    private Waited awaitRebalance(Operation operation, String manager, String volume, StepListener listener,
            String requestedBy, boolean lastAttempt) {
        String name = "rebalance:" + volume;
        listener.started(report(manager, name, StepState.STEP_STATE_RUNNING, "waiting for the rebalance of " + volume));
        long begun = clock.millis();
        long shown = 0;
        String shownStatus = "";
        while (true) {
            try {
                VolumeState state = states.rebalanceProgress(manager, volume, requestedBy);
                RebalanceState rebalance = state.getRebalance();
                if (!state.getRebalanceUnread().isEmpty()) {
                    operation.progress("waiting to read the rebalance status of " + volume + ": "
                            + state.getRebalanceUnread());
                } else if (!rebalance.getStarted()) {
                    if (clock.millis() - begun > NOT_REPORTED.toMillis()) {
                        return new Waited(Optional.of(finished(listener, manager, name, StepState.STEP_STATE_FAILED,
                                "glusterd reports no rebalance of " + volume + " " + NOT_REPORTED.toMinutes()
                                        + " minutes after it was started; see the rebalance log on each node")), false);
                    }
                    operation.progress("waiting for glusterd to report the rebalance of " + volume);
                } else {
                    if (!rebalance.getStatus().equals(shownStatus) || clock.millis() - shown >= PROGRESS_EVERY.toMillis()) {
                        operation.progress(progress(volume, rebalance));
                        shown = clock.millis();
                        shownStatus = rebalance.getStatus();
                    }
                    String status = rebalance.getStatus();
                    if (status.endsWith("completed") && rebalance.getFailures() > 0 && !lastAttempt) {
                        operation.stage("the rebalance of " + volume + " completed with " + rebalance.getFailures()
                                + " files it could not move (" + perNode(rebalance) + "); starting another for them");
                        return new Waited(Optional.empty(), true);
                    }
                    Optional<StepReport> end = ended(listener, manager, name, volume, rebalance);
                    if (end.isPresent()) {
                        return new Waited(end.get().getState() == StepState.STEP_STATE_CHANGED ? Optional.empty() : end,
                                false);
                    }
                }
            } catch (VolumeStates.ReadFailedException e) {
                // The manager's agent or glusterd is away: the rebalance goes on without us; read again.
                operation.progress("waiting to read the rebalance status of " + volume + ": " + e.getMessage());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Waited(Optional.of(finished(listener, manager, name, StepState.STEP_STATE_FAILED,
                        "interrupted: the coordinator is stopping; it resumes the wait when it starts again")), false);
            }
        }
    }

    /**
     * Until every brick of the volume is online and reports 0 entries pending heal and 0 in
     * split-brain, twice in a row and no sooner than {@link #HEAL_SETTLE} after the wait began:
     * glusterd marks the new bricks for healing right after add-brick, and a read before that
     * would count nothing.
     */
    private Optional<StepReport> awaitHeal(Operation operation, String manager, Growth growth, StepListener listener,
            String requestedBy) {
        String name = "heal:" + growth.volume();
        listener.started(report(manager, name, StepState.STEP_STATE_RUNNING, "waiting for the self-heal daemon to fill "
                + String.join(" ", growth.added())));
        long begun = clock.millis();
        long lowest = Long.MAX_VALUE;
        long lastProgress = begun;
        long shown = 0;
        int zeros = 0;
        while (true) {
            try {
                VolumeState state = states.read(manager, growth.volume(), true, false, requestedBy);
                List<String> after = growth.after();
                boolean counted = state.getHealUnread().isEmpty() && after.stream().allMatch(brick ->
                        state.getHealsList().stream().anyMatch(heal -> heal.getBrick().equals(brick) && heal.getConnected()));
                long pending = state.getHealsList().stream().mapToLong(BrickHealFact::getPending).sum();
                long splitBrain = state.getHealsList().stream().mapToLong(BrickHealFact::getSplitBrain).sum();
                long now = clock.millis();
                if (counted && pending + splitBrain < lowest) {
                    lowest = pending + splitBrain;
                    lastProgress = now;
                }
                if (now - shown >= PROGRESS_EVERY.toMillis()) {
                    operation.progress(growth.volume() + ": " + (counted ? pending + " entries pending heal, "
                            + splitBrain + " in split-brain" : "heal counts not read (" + state.getHealUnread() + ")"));
                    shown = now;
                }
                zeros = counted && pending == 0 && splitBrain == 0 && now - begun >= HEAL_SETTLE.toMillis() ? zeros + 1 : 0;
                if (zeros >= 2) {
                    listener.finished(report(manager, name, StepState.STEP_STATE_CHANGED, "every brick of "
                            + growth.volume() + " reports 0 entries pending heal after " + (now - begun) / 1000 + " s"));
                    return Optional.empty();
                }
                if (now - lastProgress > HEAL_STALL.toMillis()) {
                    return Optional.of(finished(listener, manager, name, StepState.STEP_STATE_FAILED, "the heal onto "
                            + String.join(" ", growth.added()) + " has not progressed for " + HEAL_STALL.toMinutes()
                            + " minutes; see `gluster volume heal " + growth.volume() + " info` and glustershd.log,"
                            + " then apply again to resume the wait"));
                }
            } catch (VolumeStates.ReadFailedException e) {
                operation.progress("waiting to read the heal counts of " + growth.volume() + ": " + e.getMessage());
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

    /** The finished step once the rebalance has ended; empty while it runs. */
    private static Optional<StepReport> ended(StepListener listener, String manager, String name, String volume,
            RebalanceState rebalance) {
        String status = rebalance.getStatus();
        if (status.contains(IN_PROGRESS) || status.equals("not started")) {
            return Optional.empty();
        }
        if (status.endsWith("completed") && rebalance.getFailures() == 0) {
            return Optional.of(finished(listener, manager, name, StepState.STEP_STATE_CHANGED, "rebalance of " + volume
                    + " completed: " + rebalance.getFiles() + " files moved, " + rebalance.getScanned() + " scanned, "
                    + rebalance.getSkipped() + " skipped in " + Math.round(rebalance.getRuntimeSeconds()) + " s"));
        }
        String why = status.endsWith("completed")
                ? "completed with " + rebalance.getFailures() + " files that could not be moved, " + REBALANCE_ATTEMPTS
                        + " times in a row"
                : status;
        return Optional.of(finished(listener, manager, name, StepState.STEP_STATE_FAILED, "the rebalance of " + volume
                + " ended " + why + " (" + perNode(rebalance) + "); see /var/log/glusterfs/" + volume
                + "-rebalance.log on those nodes, then apply again to start another"));
    }

    static String progress(String volume, RebalanceState rebalance) {
        return "rebalance of " + volume + ": " + rebalance.getStatus() + ", " + rebalance.getScanned() + " scanned, "
                + rebalance.getFiles() + " moved, " + rebalance.getFailures() + " failed (" + perNode(rebalance) + ")";
    }

    private static String perNode(RebalanceState rebalance) {
        return String.join("; ", rebalance.getNodesList().stream()
                .map((RebalanceNode node) -> node.getNode() + " " + node.getStatus() + " " + node.getScanned()
                        + " scanned " + node.getFiles() + " moved " + node.getFailures() + " failed")
                .toList());
    }

    private static Brick brick(String brick) {
        int colon = brick.indexOf(':');
        return Brick.newBuilder().setHost(brick.substring(0, colon)).setPath(brick.substring(colon + 1)).build();
    }
}
