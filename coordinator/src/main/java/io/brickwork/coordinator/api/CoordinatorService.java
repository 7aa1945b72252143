package io.brickwork.coordinator.api;

import static io.brickwork.coordinator.api.GrpcCalls.guarded;
import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.apply.PlanRunner;
import io.brickwork.coordinator.apply.ReplicationVerifier;
import io.brickwork.coordinator.apply.RunResult;
import io.brickwork.coordinator.apply.StepListener;
import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.gateway.AgentSession;
import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.health.StatusWatcher;
import io.brickwork.coordinator.health.WatchLists;
import io.brickwork.coordinator.metrics.ApplyRecorder;
import io.brickwork.coordinator.plan.Plan;
import io.brickwork.coordinator.plan.PlannedStep;
import io.brickwork.coordinator.plan.Planner;
import io.brickwork.coordinator.security.Caller;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.SpecException;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.spec.SpecRenderer;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.coordinator.state.SpecStore;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.ApplyFinished;
import io.brickwork.proto.coordinator.v1.ApplyRequest;
import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.brickwork.proto.coordinator.v1.GetStatusRequest;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.ListNodesRequest;
import io.brickwork.proto.coordinator.v1.ListNodesResponse;
import io.brickwork.proto.coordinator.v1.PlanRequest;
import io.brickwork.proto.coordinator.v1.PlanResponse;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import io.brickwork.proto.coordinator.v1.VerifyRequest;
import io.brickwork.proto.coordinator.v1.VerifyResponse;
import io.brickwork.proto.coordinator.v1.WatchStatusRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The public API. Every failure leaves as a specific status with a description: a bad spec is
 * INVALID_ARGUMENT, a missing node FAILED_PRECONDITION, a second concurrent apply ABORTED.
 */
public final class CoordinatorService extends CoordinatorGrpc.CoordinatorImplBase {
    private static final Logger log = Logger.getLogger(CoordinatorService.class.getName());

    /** WatchStatus sends at most one status per this interval. */
    static final Duration WATCH_MIN_INTERVAL = Duration.ofMillis(500);

    private final AgentRegistry registry;
    private final Planner planner;
    private final PlanRunner runner;
    private final ReplicationVerifier verifier;
    private final HealthModel health;
    private final WatchLists watchLists;
    private final ApplyRecorder applyRecorder;
    private final SpecStore specStore;
    private final Duration verifyTimeout;
    private final ScheduledExecutorService timer;
    private final ExecutorService background;
    private final ReentrantLock applyLock = new ReentrantLock();

    public CoordinatorService(AgentRegistry registry, Planner planner, PlanRunner runner, ReplicationVerifier verifier,
            HealthModel health, WatchLists watchLists, ApplyRecorder applyRecorder, SpecStore specStore,
            Duration verifyTimeout, ScheduledExecutorService timer, ExecutorService background) {
        this.registry = requireNonNull(registry, "registry is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.health = requireNonNull(health, "health is null");
        this.watchLists = requireNonNull(watchLists, "watchLists is null");
        this.applyRecorder = requireNonNull(applyRecorder, "applyRecorder is null");
        this.specStore = requireNonNull(specStore, "specStore is null");
        this.verifyTimeout = requireNonNull(verifyTimeout, "verifyTimeout is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.background = requireNonNull(background, "background is null");
    }

    /** Status compares against the spec applied before a restart until the next apply. */
    public void start() {
        appliedSpec().ifPresent(health::specApplied);
    }

    @Override
    public void plan(PlanRequest request, StreamObserver<PlanResponse> responses) {
        guarded(responses, () -> {
            ClusterSpec spec = parse(request.getSpec(), request.getSpecOrigin());
            Plan plan = planFor(spec);
            RunResult result = runner.run(plan, Mode.MODE_CHECK, StepListener.NONE, Caller.current().describe());
            responses.onNext(PlanResponse.newBuilder()
                    .setCluster(spec.name())
                    .addAllSteps(result.steps())
                    .setChangeCount((int) result.count(StepState.STEP_STATE_WILL_CHANGE))
                    .build());
            responses.onCompleted();
        });
    }

    @Override
    public void apply(ApplyRequest request, StreamObserver<ApplyEvent> responses) {
        guarded(responses, () -> {
            ClusterSpec spec = parse(request.getSpec(), request.getSpecOrigin());
            if (!applyLock.tryLock()) {
                throw Status.ABORTED.withDescription("another apply is running; try again when it has finished")
                        .asRuntimeException();
            }
            long started = System.nanoTime();
            boolean succeeded = false;
            try {
                Plan plan = planFor(spec);
                log.info(() -> "apply of cluster " + spec.name() + ": " + plan.steps().size() + " steps");
                StepListener listener = new StepListener() {
                    @Override
                    public synchronized void started(StepReport step) {
                        responses.onNext(ApplyEvent.newBuilder().setStepStarted(step).build());
                    }

                    @Override
                    public synchronized void finished(StepReport step) {
                        responses.onNext(ApplyEvent.newBuilder().setStepFinished(step).build());
                    }
                };
                // A re-apply of the spec in force usually finds nothing to change: its replication
                // check then runs beside the check round instead of after it, and counts only if
                // nothing was changed. Started after planFor, which refuses a spec with a node down.
                Optional<Future<List<VerifyResponse>>> early = !request.getSkipVerify()
                        && health.spec().equals(Optional.of(spec))
                        ? Optional.of(background.submit(() -> verifyAll(spec))) : Optional.empty();
                RunResult result = converge(plan, listener, Caller.current().describe());
                ApplyFinished.Builder finished = ApplyFinished.newBuilder()
                        .setChangedCount((int) result.count(StepState.STEP_STATE_CHANGED))
                        .setFailedCount((int) (result.count(StepState.STEP_STATE_FAILED)
                                + result.count(StepState.STEP_STATE_REFUSED)));
                boolean success = result.success();
                result.firstFailure().ifPresent(finished::setFirstFailure);
                if (success) {
                    specStore.save(SpecRenderer.render(spec));
                    health.specApplied(spec);
                    // Before the replication check, so that the agents' fresh reports (a new list
                    // makes each read all its gluster state) reach status by the time the apply
                    // returns; a re-apply that changed nothing sends no list (AgentSession.watch).
                    watchLists.sendAll(Optional.of(spec));
                    if (!request.getSkipVerify()) {
                        boolean changed = result.count(StepState.STEP_STATE_CHANGED) > 0;
                        List<VerifyResponse> verifies = early.isPresent() && !changed ? result(early.get())
                                : verifyAll(spec);
                        for (VerifyResponse verify : verifies) {
                            // One verify result travels in the summary: the first failing one, else the last.
                            if (!finished.hasVerify() || finished.getVerify().getOk()) {
                                finished.setVerify(verify);
                            }
                            success &= verify.getOk();
                        }
                    }
                }
                succeeded = success;
                responses.onNext(ApplyEvent.newBuilder()
                        .setFinished(finished.setSuccess(success).setDurationMs((int) result.durationMillis()))
                        .build());
                responses.onCompleted();
                log.info(() -> "apply of cluster " + spec.name() + " finished: " + (result.success() ? "ok" : "failed"));
            } finally {
                applyRecorder.applied(succeeded, Duration.ofNanos(System.nanoTime() - started));
                applyLock.unlock();
            }
        });
    }

    /**
     * Checks every step at once first. A converged cluster is done after that one parallel round
     * (the common re-apply), and a refusal anywhere stops the apply before anything is changed;
     * otherwise the plan runs in order, each step that was not in sync checking again before it
     * changes anything (the ones in sync are reported unchanged without a second round trip).
     */
    private RunResult converge(Plan plan, StepListener listener, String requestedBy) {
        RunResult check = runner.run(plan, Mode.MODE_CHECK, StepListener.NONE, requestedBy);
        boolean refused = check.count(StepState.STEP_STATE_REFUSED) > 0;
        if (refused || check.count(StepState.STEP_STATE_IN_SYNC) == check.steps().size()) {
            List<StepReport> reports = new ArrayList<>();
            for (StepReport step : check.steps()) {
                StepReport report = switch (step.getState()) {
                    case STEP_STATE_IN_SYNC -> step.toBuilder().setState(StepState.STEP_STATE_UNCHANGED).build();
                    case STEP_STATE_REFUSED -> step;
                    default -> step.toBuilder()
                            .setState(StepState.STEP_STATE_SKIPPED)
                            .setSummary("skipped: another step was refused, so nothing was changed ("
                                    + step.getSummary() + ")")
                            .build();
                };
                listener.finished(report);
                reports.add(report);
            }
            return new RunResult(reports, check.durationMillis());
        }
        Map<PlannedStep, StepReport> inSync = new HashMap<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            if (check.steps().get(i).getState() == StepState.STEP_STATE_IN_SYNC) {
                inSync.put(plan.steps().get(i), check.steps().get(i));
            }
        }
        RunResult applied = runner.run(plan, Mode.MODE_APPLY, listener, requestedBy, inSync);
        return new RunResult(applied.steps(), check.durationMillis() + applied.durationMillis());
    }

    @Override
    public void listNodes(ListNodesRequest request, StreamObserver<ListNodesResponse> responses) {
        guarded(responses, () -> {
            responses.onNext(ListNodesResponse.newBuilder().addAllNodes(health.status().getNodesList()).build());
            responses.onCompleted();
        });
    }

    @Override
    public void getStatus(GetStatusRequest request, StreamObserver<GetStatusResponse> responses) {
        guarded(responses, () -> {
            responses.onNext(health.status());
            responses.onCompleted();
        });
    }

    /** Runs until the client cancels; the coordinator never ends it on its own. */
    @Override
    public void watchStatus(WatchStatusRequest request, StreamObserver<GetStatusResponse> responses) {
        guarded(responses, () -> {
            ServerCallStreamObserver<GetStatusResponse> call = (ServerCallStreamObserver<GetStatusResponse>) responses;
            StatusWatcher watcher = new StatusWatcher(health, call::onNext, timer, WATCH_MIN_INTERVAL);
            call.setOnCancelHandler(watcher::close);
            watcher.start();
        });
    }

    @Override
    public void verify(VerifyRequest request, StreamObserver<VerifyResponse> responses) {
        guarded(responses, () -> {
            ClusterSpec spec = appliedSpec().orElseThrow(() -> Status.FAILED_PRECONDITION
                    .withDescription("nothing has been applied yet: run brickwork apply first").asRuntimeException());
            VolumeSpec volume = spec.volumes().stream()
                    .filter(candidate -> candidate.name().equals(request.getVolume()))
                    .findFirst()
                    .orElseThrow(() -> Status.NOT_FOUND.withDescription("volume '" + request.getVolume()
                            + "' is not in the applied spec of cluster " + spec.name()).asRuntimeException());
            requireConnected(spec);
            Duration timeout = request.getTimeoutMs() > 0 ? Duration.ofMillis(request.getTimeoutMs()) : verifyTimeout;
            responses.onNext(verifier.verify(spec, volume, timeout));
            responses.onCompleted();
        });
    }

    private ClusterSpec parse(String text, String origin) {
        try {
            return SpecParser.parse(text, origin.isEmpty() ? "request" : origin);
        } catch (SpecException e) {
            throw InvalidSpecStatus.of(e);
        }
    }

    private Plan planFor(ClusterSpec spec) {
        requireConnected(spec);
        Map<String, String> addresses = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String node : spec.nodes()) {
            String address = spec.hosts().get(node);
            if (address == null) {
                address = registry.session(node).flatMap(AgentSession::preferredAddress).orElse(null);
            }
            if (address == null) {
                missing.add(node);
            } else {
                addresses.put(node, address);
            }
        }
        if (!missing.isEmpty()) {
            throw Status.FAILED_PRECONDITION.withDescription("no address known for " + String.join(", ", missing)
                    + ": their agents reported none; set cluster.hosts in the spec").asRuntimeException();
        }
        return planner.plan(spec, addresses);
    }

    /** Refuses before anything runs: a half-reachable cluster would be left half-provisioned. */
    private void requireConnected(ClusterSpec spec) {
        List<String> down = spec.nodes().stream().filter(node -> registry.session(node).isEmpty()).toList();
        if (!down.isEmpty()) {
            throw Status.FAILED_PRECONDITION.withDescription("not connected: " + String.join(", ", down)
                    + " — start brickwork-agent there (nothing was changed)").asRuntimeException();
        }
    }

    /** Every volume's replication check, in spec order. */
    private List<VerifyResponse> verifyAll(ClusterSpec spec) {
        List<VerifyResponse> verifies = new ArrayList<>();
        for (VolumeSpec volume : spec.volumes()) {
            verifies.add(verifier.verify(spec, volume, verifyTimeout));
        }
        return verifies;
    }

    private static List<VerifyResponse> result(Future<List<VerifyResponse>> verifies) {
        try {
            return verifies.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted while checking replication").asRuntimeException();
        } catch (ExecutionException e) {
            throw new IllegalStateException("replication check failed unexpectedly", e.getCause());
        }
    }

    private Optional<ClusterSpec> appliedSpec() {
        return specStore.load().map(text -> SpecParser.parse(text, "applied spec"));
    }
}
