package io.brickwork.coordinator.apply;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.gateway.ActionTimeoutException;
import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.gateway.AgentSession;
import io.brickwork.coordinator.gateway.NodeUnavailableException;
import io.brickwork.coordinator.plan.Phase;
import io.brickwork.coordinator.plan.Plan;
import io.brickwork.coordinator.plan.PlannedStep;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.coordinator.v1.StepFailure;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * Sends a plan's steps to the agents. In {@link Mode#MODE_APPLY} a phase starts only after
 * every step of the one before succeeded, and within a node a failed step skips the rest of
 * that node's sequence. In {@link Mode#MODE_CHECK} every step is checked, all at once, since
 * checking changes nothing and needs no order.
 */
public final class PlanRunner {
    private final AgentRegistry registry;
    private final ExecutorService pool;
    private final Clock clock;

    public PlanRunner(AgentRegistry registry, ExecutorService pool, Clock clock) {
        this.registry = requireNonNull(registry, "registry is null");
        this.pool = requireNonNull(pool, "pool is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** @param requestedBy who asked for this run, passed to every agent for its audit log */
    public RunResult run(Plan plan, Mode mode, StepListener listener, String requestedBy) {
        return run(plan, mode, listener, requestedBy, Map.of());
    }

    /**
     * @param inSync steps a check of this plan just found in sync, with that check's report: in
     *     {@link Mode#MODE_APPLY} they are reported unchanged without being sent again (no step
     *     of a plan undoes what another one made true, so a fresh "in sync" stays true)
     */
    public RunResult run(Plan plan, Mode mode, StepListener listener, String requestedBy,
            Map<PlannedStep, StepReport> inSync) {
        requireNonNull(plan, "plan is null");
        requireNonNull(inSync, "inSync is null");
        requireNonNull(listener, "listener is null");
        requireNonNull(requestedBy, "requestedBy is null");
        if (mode == Mode.MODE_CHECK) {
            return checkAll(plan, listener, requestedBy);
        }
        long start = clock.millis();
        Map<PlannedStep, StepReport> reports = new LinkedHashMap<>();
        boolean failed = false;
        for (Phase phase : plan.phases()) {
            if (failed) {
                for (PlannedStep step : phase.steps()) {
                    StepReport skipped = skipped(step, "an earlier phase failed");
                    listener.finished(skipped);
                    reports.put(step, skipped);
                }
                continue;
            }
            List<CompletableFuture<List<StepReport>>> sequences = new ArrayList<>();
            for (Phase.Sequence sequence : phase.sequences()) {
                sequences.add(CompletableFuture.supplyAsync(
                        () -> runSequence(sequence, mode, listener, requestedBy, inSync), pool));
            }
            for (int i = 0; i < sequences.size(); i++) {
                List<StepReport> done = sequences.get(i).join();
                List<PlannedStep> steps = phase.sequences().get(i).steps();
                for (int j = 0; j < steps.size(); j++) {
                    reports.put(steps.get(j), done.get(j));
                    failed |= isFailure(done.get(j));
                }
            }
        }
        List<StepReport> ordered = new ArrayList<>();
        for (PlannedStep step : plan.steps()) {
            ordered.add(reports.get(step));
        }
        return new RunResult(ordered, clock.millis() - start);
    }

    private RunResult checkAll(Plan plan, StepListener listener, String requestedBy) {
        long start = clock.millis();
        // By identity: the reports go back in plan order whatever two steps' equals says.
        Map<PlannedStep, CompletableFuture<StepReport>> checks = new IdentityHashMap<>();
        for (PlannedStep step : dispatchOrder(plan)) {
            checks.put(step, CompletableFuture.supplyAsync(() -> {
                StepReport report = runStep(step, Mode.MODE_CHECK, requestedBy);
                listener.finished(report);
                return report;
            }, pool));
        }
        return new RunResult(plan.steps().stream().map(step -> checks.get(step).join()).toList(),
                clock.millis() - start);
    }

    /**
     * The order a check round sends its steps in: first those of the phases that run on one node
     * only (the manager's peer and volume steps), then the rest in plan order. Those are the
     * slowest checks, each a round trip through glusterd, and they all land on one agent, which
     * runs a bounded number of actions at once: sent last, they waited behind that node's quick
     * local checks and set the length of the whole round.
     */
    static List<PlannedStep> dispatchOrder(Plan plan) {
        List<PlannedStep> first = new ArrayList<>();
        List<PlannedStep> rest = new ArrayList<>();
        for (Phase phase : plan.phases()) {
            (phase.sequences().size() == 1 ? first : rest).addAll(phase.steps());
        }
        first.addAll(rest);
        return first;
    }

    private List<StepReport> runSequence(Phase.Sequence sequence, Mode mode, StepListener listener, String requestedBy,
            Map<PlannedStep, StepReport> inSync) {
        List<StepReport> done = new ArrayList<>();
        boolean failed = false;
        for (PlannedStep step : sequence.steps()) {
            if (failed) {
                StepReport skipped = skipped(step, "an earlier step on " + step.node() + " failed");
                listener.finished(skipped);
                done.add(skipped);
                continue;
            }
            StepReport checked = inSync.get(step);
            if (checked != null && checked.getState() == StepState.STEP_STATE_IN_SYNC) {
                StepReport unchanged = checked.toBuilder().setState(StepState.STEP_STATE_UNCHANGED).build();
                listener.finished(unchanged);
                done.add(unchanged);
                continue;
            }
            listener.started(report(step, StepState.STEP_STATE_RUNNING, "").build());
            StepReport finished = runStep(step, mode, requestedBy);
            listener.finished(finished);
            done.add(finished);
            failed = isFailure(finished);
        }
        return done;
    }

    private StepReport runStep(PlannedStep step, Mode mode, String requestedBy) {
        long start = clock.millis();
        AgentSession session = registry.session(step.node()).orElse(null);
        if (session == null) {
            return failed(step, step.node() + " is not connected", start);
        }
        ActionRequest request = step.action().toBuilder()
                .setId(UUID.randomUUID().toString())
                .setMode(mode)
                .setTimeoutMs((int) step.timeout().toMillis())
                .setRequestedBy(requestedBy)
                .build();
        try {
            ActionResult result = session.send(request).get();
            return fromResult(step, mode, result);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NodeUnavailableException || cause instanceof ActionTimeoutException) {
                return failed(step, cause.getMessage(), start);
            }
            return failed(step, "unexpected error: " + cause, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(step, "interrupted", start);
        }
    }

    static StepReport fromResult(PlannedStep step, Mode mode, ActionResult result) {
        StepState state = switch (result.getOutcome()) {
            case OUTCOME_UNCHANGED -> mode == Mode.MODE_CHECK ? StepState.STEP_STATE_IN_SYNC : StepState.STEP_STATE_UNCHANGED;
            case OUTCOME_CHANGED -> StepState.STEP_STATE_CHANGED;
            case OUTCOME_WOULD_CHANGE -> StepState.STEP_STATE_WILL_CHANGE;
            case OUTCOME_REFUSED -> StepState.STEP_STATE_REFUSED;
            default -> StepState.STEP_STATE_FAILED;
        };
        StepReport.Builder report = report(step, state, result.getSummary())
                .addAllChanges(result.getChangesList())
                .setDurationMs(result.getDurationMs());
        if (result.hasFailure()) {
            report.setFailure(StepFailure.newBuilder()
                    .setMessage(result.getFailure().getMessage())
                    .addAllArgv(result.getFailure().getArgvList())
                    .setExitCode(result.getFailure().getExitCode())
                    .setStderr(result.getFailure().getStderr()));
        }
        return report.build();
    }

    private static boolean isFailure(StepReport report) {
        return report.getState() == StepState.STEP_STATE_FAILED || report.getState() == StepState.STEP_STATE_REFUSED;
    }

    private StepReport failed(PlannedStep step, String message, long start) {
        return report(step, StepState.STEP_STATE_FAILED, message)
                .setFailure(StepFailure.newBuilder().setMessage(message))
                .setDurationMs((int) (clock.millis() - start))
                .build();
    }

    private static StepReport skipped(PlannedStep step, String why) {
        return report(step, StepState.STEP_STATE_SKIPPED, "skipped: " + why).build();
    }

    private static StepReport.Builder report(PlannedStep step, StepState state, String summary) {
        return StepReport.newBuilder()
                .setNode(step.node())
                .setStep(step.name())
                .setState(state)
                .setSummary(summary);
    }
}
