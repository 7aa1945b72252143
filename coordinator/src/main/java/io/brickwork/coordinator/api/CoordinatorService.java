package io.brickwork.coordinator.api;

import static io.brickwork.coordinator.api.GrpcCalls.guarded;
import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.apply.PlanRunner;
import io.brickwork.coordinator.apply.ReplicationVerifier;
import io.brickwork.coordinator.apply.RunResult;
import io.brickwork.coordinator.apply.StepListener;
import io.brickwork.coordinator.departure.Departures;
import io.brickwork.coordinator.departure.NodeRemover;
import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.gateway.AgentSession;
import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.health.StatusWatcher;
import io.brickwork.coordinator.health.WatchLists;
import io.brickwork.coordinator.layout.Growth;
import io.brickwork.coordinator.layout.GrowthFinder;
import io.brickwork.coordinator.layout.LayoutChangeRefusedException;
import io.brickwork.coordinator.layout.GrowthSteps;
import io.brickwork.coordinator.layout.Shrink;
import io.brickwork.coordinator.layout.ShrinkFinder;
import io.brickwork.coordinator.layout.VolumeGrower;
import io.brickwork.coordinator.layout.VolumeShrinker;
import io.brickwork.coordinator.layout.VolumeStates;
import io.brickwork.coordinator.metrics.ApplyRecorder;
import io.brickwork.coordinator.plan.Plan;
import io.brickwork.coordinator.operation.Operation;
import io.brickwork.coordinator.operation.Operations;
import io.brickwork.coordinator.operation.StepReports;
import io.brickwork.coordinator.plan.PlannedStep;
import io.brickwork.coordinator.replace.NodeReplacer;
import io.brickwork.coordinator.replace.Replacement;
import io.brickwork.coordinator.replace.RebuiltNode;
import io.brickwork.coordinator.replace.Recovery;
import io.brickwork.coordinator.replace.RecoveryFinder;
import io.brickwork.coordinator.replace.ReplacementRefusedException;
import io.brickwork.coordinator.replace.ReplacementSteps;
import io.brickwork.coordinator.replace.VolumeReader;
import io.brickwork.coordinator.plan.Planner;
import io.brickwork.coordinator.security.Caller;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.SpecException;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.spec.SpecRenderer;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.coordinator.state.SpecStore;
import io.brickwork.coordinator.tlsswitch.TlsSwitch;
import io.brickwork.coordinator.tlsswitch.TlsSwitchFinder;
import io.brickwork.coordinator.tlsswitch.TlsSwitcher;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.VolumeState;
import io.brickwork.proto.coordinator.state.v1.JournaledLayoutChange;
import io.brickwork.proto.coordinator.state.v1.JournaledOperation;
import io.brickwork.proto.coordinator.state.v1.JournaledReplacement;
import io.brickwork.proto.coordinator.v1.ListOperationsRequest;
import io.brickwork.proto.coordinator.v1.ListOperationsResponse;
import io.brickwork.proto.coordinator.v1.WatchOperationRequest;
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
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/**
 * The public API. Every failure leaves as a specific status with a description: a bad spec is
 * INVALID_ARGUMENT, a missing node FAILED_PRECONDITION, an apply while an operation runs
 * FAILED_PRECONDITION naming it.
 */
public final class CoordinatorService extends CoordinatorGrpc.CoordinatorImplBase {
    private static final Logger log = Logger.getLogger(CoordinatorService.class.getName());

    /** WatchStatus sends at most one status per this interval. */
    static final Duration WATCH_MIN_INTERVAL = Duration.ofMillis(500);
    /** How long a resumed operation waits for the agents to reconnect after a restart. */
    static final Duration RESUME_WAIT = Duration.ofMinutes(2);

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
    private final Operations operations;
    private final VolumeReader volumeReader;
    private final NodeReplacer replacer;
    private final RecoveryFinder recoveryFinder;
    private final VolumeGrower grower;
    private final VolumeShrinker shrinker;
    private final NodeRemover remover;
    private final TlsSwitcher tlsSwitcher;

    public CoordinatorService(AgentRegistry registry, Planner planner, PlanRunner runner, ReplicationVerifier verifier,
            HealthModel health, WatchLists watchLists, ApplyRecorder applyRecorder, SpecStore specStore,
            Duration verifyTimeout, ScheduledExecutorService timer, ExecutorService background, Operations operations,
            VolumeReader volumeReader, NodeReplacer replacer, VolumeGrower grower, VolumeShrinker shrinker,
            NodeRemover remover, TlsSwitcher tlsSwitcher) {
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
        this.operations = requireNonNull(operations, "operations is null");
        this.volumeReader = requireNonNull(volumeReader, "volumeReader is null");
        this.replacer = requireNonNull(replacer, "replacer is null");
        this.recoveryFinder = new RecoveryFinder(volumeReader, health::lastReport);
        this.grower = requireNonNull(grower, "grower is null");
        this.shrinker = requireNonNull(shrinker, "shrinker is null");
        this.remover = requireNonNull(remover, "remover is null");
        this.tlsSwitcher = requireNonNull(tlsSwitcher, "tlsSwitcher is null");
    }

    /**
     * Status compares against the spec applied before a restart until the next apply; an
     * operation interrupted by the restart resumes.
     */
    public void start() {
        appliedSpec().ifPresent(health::specApplied);
        resumeInterrupted();
    }

    /**
     * A spec that gives a dead node's bricks to a new one shows the whole sequence: preparing the
     * new node, then per brick the replace and the heal with the copies its replica set has at
     * each point, the detach, and the rest of the spec as it would be checked after them.
     */
    @Override
    public void plan(PlanRequest request, StreamObserver<PlanResponse> responses) {
        guarded(responses, () -> {
            ClusterSpec spec = parse(request.getSpec(), request.getSpecOrigin());
            String requestedBy = Caller.current().describe();
            requireConnected(spec);
            Map<String, String> addresses = addresses(spec);
            Recovery recovery = recovery(spec, requestedBy);
            Map<String, VolumeState> layouts = layouts(spec, requestedBy);
            List<Growth> growths = recovery.isEmpty() ? growths(spec, layouts, requestedBy) : List.of();
            List<Shrink> shrinks = recovery.isEmpty() && growths.isEmpty() ? shrinks(spec, layouts, requestedBy)
                    : List.of();
            List<String> departing = recovery.isEmpty() && growths.isEmpty() ? departures(spec, layouts, shrinks)
                    : List.of();
            List<StepReport> steps = new ArrayList<>();
            if (!shrinks.isEmpty()) {
                steps.addAll(GrowthSteps.describeShrinks(spec, shrinks));
                if (!departing.isEmpty()) {
                    steps.addAll(remover.plan(spec, departing, false, true, requestedBy));
                }
                Set<String> shrunkVolumes = new HashSet<>();
                shrinks.forEach(shrink -> shrunkVolumes.add("volume:" + shrink.volume()));
                // Checked now, the shrunk volumes' layout step would differ; after the commit it is in sync.
                runner.run(planner.plan(spec, addresses, departing), Mode.MODE_CHECK, StepListener.NONE, requestedBy)
                        .steps()
                        .stream()
                        .filter(step -> !shrunkVolumes.contains(step.getStep()))
                        .forEach(steps::add);
            } else if (!growths.isEmpty()) {
                steps.addAll(runner.run(planner.join(spec, addresses), Mode.MODE_CHECK, StepListener.NONE,
                        requestedBy).steps());
                steps.addAll(GrowthSteps.describe(spec, growths));
                Set<String> grownVolumes = new HashSet<>();
                growths.forEach(growth -> grownVolumes.add("volume:" + growth.volume()));
                // Checked now, the grown volumes' layout step would differ; after add-brick it is in sync.
                runner.run(planner.plan(spec, addresses), Mode.MODE_CHECK, StepListener.NONE, requestedBy).steps()
                        .stream()
                        .filter(step -> !grownVolumes.contains(step.getStep()))
                        .forEach(steps::add);
            } else if (recovery.isEmpty()) {
                if (!departing.isEmpty()) {
                    steps.addAll(remover.plan(spec, departing, false, false, requestedBy));
                }
                steps.addAll(runner.run(planner.plan(spec, addresses, departing), Mode.MODE_CHECK, StepListener.NONE,
                        requestedBy).steps());
            } else {
                steps.addAll(runner.run(planner.join(spec, addresses), Mode.MODE_CHECK, StepListener.NONE,
                        requestedBy).steps());
                steps.addAll(ReplacementSteps.describe(spec.manager(), recovery));
                Set<String> replacedVolumes = new HashSet<>();
                recovery.replacements().forEach(replacement -> replacedVolumes.add("volume:" + replacement.volume()));
                // Checked now, the replaced volumes' layout step would differ; after the replace it is in sync.
                runner.run(planner.plan(spec, addresses, recovery.departing()), Mode.MODE_CHECK,
                        StepListener.NONE, requestedBy).steps().stream()
                        .filter(step -> !replacedVolumes.contains(step.getStep()))
                        .forEach(steps::add);
            }
            Optional<TlsSwitch> tlsSwitch = TlsSwitchFinder.find(spec, health::lastReport);
            if (tlsSwitch.isPresent()) {
                // Refused as the cluster is now; in sync once the switch has run.
                steps.removeIf(step -> switchedByTlsSwitch(step.getStep(), tlsSwitch.get()));
                steps.add(0, StepReports.report(spec.manager(), "tls-switch", StepState.STEP_STATE_WILL_CHANGE,
                        tlsSwitch.get().explanation()));
            }
            responses.onNext(PlanResponse.newBuilder()
                    .setCluster(spec.name())
                    .addAllSteps(steps)
                    .setChangeCount((int) steps.stream()
                            .filter(step -> step.getState() == StepState.STEP_STATE_WILL_CHANGE).count())
                    .build());
            responses.onCompleted();
        });
    }

    /**
     * Runs as an operation: this call watches it and may go away (Ctrl-C) while it goes on. A
     * replacement's safety rules are checked before the operation starts, so a refusal changes
     * nothing and leaves no operation behind.
     */
    @Override
    public void apply(ApplyRequest request, StreamObserver<ApplyEvent> responses) {
        guarded(responses, () -> {
            ClusterSpec spec = parse(request.getSpec(), request.getSpecOrigin());
            String requestedBy = Caller.current().describe();
            requireConnected(spec);
            Map<String, String> addresses = addresses(spec);
            Recovery recovery = recovery(spec, requestedBy);
            Map<String, VolumeState> layouts = layouts(spec, requestedBy);
            List<Growth> growths = recovery.isEmpty() ? growths(spec, layouts, requestedBy) : List.of();
            List<Shrink> shrinks = recovery.isEmpty() && growths.isEmpty() ? shrinks(spec, layouts, requestedBy)
                    : List.of();
            List<String> departing = recovery.isEmpty() && growths.isEmpty() ? departures(spec, layouts, shrinks)
                    : List.of();
            boolean forceUnmount = request.getForceUnmount();
            Optional<TlsSwitch> tlsSwitch = TlsSwitchFinder.find(spec, health::lastReport);
            if (tlsSwitch.isPresent()) {
                if (!request.getAllowDowntime()) {
                    throw Status.FAILED_PRECONDITION.withDescription("refused, nothing was changed: "
                            + tlsSwitch.get().explanation()).asRuntimeException();
                }
                if (!recovery.isEmpty() || !growths.isEmpty() || !shrinks.isEmpty() || !departing.isEmpty()) {
                    throw Status.FAILED_PRECONDITION.withDescription("refused, nothing was changed: this spec both"
                            + " switches the cluster to TLS and changes its layout or nodes; apply one, then the"
                            + " other").asRuntimeException();
                }
            }
            if (!departing.isEmpty()) {
                remover.refusal(spec, departing, forceUnmount, requestedBy).ifPresent(refusal -> {
                    throw Status.FAILED_PRECONDITION.withDescription("refused, nothing was changed: " + refusal)
                            .asRuntimeException();
                });
            }
            JournaledOperation.Builder record = JournaledOperation.newBuilder()
                    .setKind(tlsSwitch.isPresent() ? "switch to TLS" : kind(recovery, growths, shrinks, departing))
                    .addAllDeparting(departing)
                    .setForceUnmount(forceUnmount)
                    .addAllTlsSwitchNodes(tlsSwitch.map(TlsSwitch::nodes).orElse(List.of()))
                    .addAllTlsSwitchStopped(tlsSwitch.map(TlsSwitch::stopped).orElse(List.of()))
                    .addAllTlsSwitchVolumes(tlsSwitch.map(TlsSwitch::volumes).orElse(List.of()))
                    .setSpec(request.getSpec())
                    .setSpecOrigin(request.getSpecOrigin())
                    .setSkipVerify(request.getSkipVerify())
                    .setRequestedBy(requestedBy);
            recovery.rebuilt().forEach(node -> record.addRestores(node.journaled()));
            recovery.replacements().forEach(replacement -> record.addReplacements(JournaledReplacement.newBuilder()
                    .setVolume(replacement.volume())
                    .setOldBrick(replacement.oldBrick())
                    .setNewBrick(replacement.newBrick())
                    .addAllReplicaSet(replacement.replicaSet())));
            growths.forEach(growth -> record.addLayoutChanges(JournaledLayoutChange.newBuilder()
                    .setVolume(growth.volume())
                    .addAllExisting(growth.existing())
                    .addAllAdded(growth.added())
                    .setReplica(growth.replica())
                    .setArbiterCount(growth.arbiterCount())
                    .setForce(growth.force())
                    .setRaiseReplica(growth.raiseReplica())));
            shrinks.forEach(shrink -> record.addLayoutChanges(JournaledLayoutChange.newBuilder()
                    .setVolume(shrink.volume())
                    .addAllExisting(shrink.existing())
                    .addAllRemoved(shrink.removed())
                    .setReplica(shrink.replica())
                    .setReplicaAfter(shrink.replicaAfter())));
            Operation operation = operations.start(record.build(), started -> runApply(started, spec, addresses,
                    recovery, growths, shrinks, departing, forceUnmount, tlsSwitch, request.getSkipVerify(),
                    requestedBy));
            operation.watch((ServerCallStreamObserver<ApplyEvent>) responses);
        });
    }

    @Override
    public void listOperations(ListOperationsRequest request, StreamObserver<ListOperationsResponse> responses) {
        guarded(responses, () -> {
            String cluster = health.spec().map(ClusterSpec::name).orElse("");
            responses.onNext(ListOperationsResponse.newBuilder().addAllOperations(operations.list(cluster)).build());
            responses.onCompleted();
        });
    }

    @Override
    public void watchOperation(WatchOperationRequest request, StreamObserver<ApplyEvent> responses) {
        guarded(responses, () -> {
            Operation operation = operations.find(request.getId()).orElseThrow(() -> Status.NOT_FOUND
                    .withDescription("no operation '" + request.getId() + "': `brickwork operations` lists them")
                    .asRuntimeException());
            operation.watch((ServerCallStreamObserver<ApplyEvent>) responses);
        });
    }

    /**
     * An operation the coordinator was running when it stopped runs again under its id, once every
     * node of its spec is connected: the replacements re-check what gluster shows (a brick already
     * replaced is not replaced again; its heal is waited for), then the spec is applied as usual.
     */
    private void resumeInterrupted() {
        operations.load().ifPresent(record -> operations.resume(record, operation -> {
            ClusterSpec spec;
            try {
                spec = SpecParser.parse(record.getSpec(), "operation " + record.getId());
            } catch (SpecException e) {
                return new Operations.Outcome(false, "cannot resume: its journaled spec no longer parses ("
                        + e.getMessage() + "); apply the spec again");
            }
            operation.stage("resuming after a coordinator restart; waiting for the agents of "
                    + String.join(", ", spec.nodes()));
            long deadline = System.nanoTime() + RESUME_WAIT.toNanos();
            List<String> down = missing(spec, record.getDepartingList());
            while (!down.isEmpty() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Operations.Outcome(false, "cannot resume: the coordinator is stopping");
                }
                down = missing(spec, record.getDepartingList());
            }
            if (!down.isEmpty()) {
                return new Operations.Outcome(false, "cannot resume: " + String.join(", ", down)
                        + " did not connect within " + RESUME_WAIT.toMinutes() + " minutes of the restart; nothing"
                        + " more was changed; apply the spec again once they are back");
            }
            Recovery recovery = new Recovery(
                    record.getRestoresList().stream().map(RebuiltNode::from).toList(),
                    record.getReplacementsList().stream()
                            .map(journaled -> new Replacement(journaled.getVolume(), journaled.getOldBrick(),
                                    journaled.getNewBrick(), journaled.getReplicaSetList()))
                            .toList());
            Map<String, String> addresses;
            try {
                addresses = addresses(spec);
            } catch (StatusRuntimeException e) {
                return new Operations.Outcome(false, "cannot resume: " + e.getStatus().getDescription());
            }
            List<Growth> growths = record.getLayoutChangesList().stream()
                    .filter(journaled -> journaled.getRemovedCount() == 0)
                    .map(journaled -> new Growth(journaled.getVolume(), journaled.getExistingList(),
                            journaled.getAddedList(), journaled.getReplica(), journaled.getArbiterCount(),
                            journaled.getForce(), journaled.getRaiseReplica()))
                    .toList();
            List<Shrink> shrinks = record.getLayoutChangesList().stream()
                    .filter(journaled -> journaled.getRemovedCount() > 0)
                    .map(journaled -> new Shrink(journaled.getVolume(), journaled.getExistingList(),
                            journaled.getRemovedList(), journaled.getReplica(), journaled.getReplicaAfter() > 0
                                    ? journaled.getReplicaAfter() : journaled.getReplica()))
                    .toList();
            Optional<TlsSwitch> tlsSwitch = record.getTlsSwitchStoppedCount() == 0 ? Optional.empty()
                    : Optional.of(new TlsSwitch(record.getTlsSwitchNodesList(), record.getTlsSwitchStoppedList(),
                            record.getTlsSwitchVolumesList()));
            return runApply(operation, spec, addresses, recovery, growths, shrinks, record.getDepartingList(),
                    record.getForceUnmount(), tlsSwitch, record.getSkipVerify(), record.getRequestedBy());
        }));
    }

    private Operations.Outcome runApply(Operation operation, ClusterSpec spec, Map<String, String> addresses,
            Recovery recovery, List<Growth> growths, List<Shrink> shrinks, List<String> departing,
            boolean forceUnmount, Optional<TlsSwitch> tlsSwitch, boolean skipVerify, String requestedBy) {
        long started = System.nanoTime();
        boolean succeeded = false;
        try {
            operation.stage(kind(recovery, growths, shrinks, departing) + " of cluster " + spec.name());
            StepListener listener = new StepListener() {
                @Override
                public void started(StepReport step) {
                    operation.stepStarted(step);
                }

                @Override
                public void finished(StepReport step) {
                    operation.stepFinished(step);
                }
            };
            if (!recovery.isEmpty()) {
                Optional<StepReport> failed = replacer.replace(operation, spec, addresses, recovery, listener,
                        requestedBy);
                if (failed.isPresent()) {
                    return failed(operation, failed.get(), started, 0);
                }
                operation.stage("applying the rest of the spec" + (recovery.departing().isEmpty() ? ""
                        : ": auth.allow, fstab, mounts, /etc/hosts without " + String.join(", ", recovery.departing())));
            }
            long downtimeMs = 0;
            if (tlsSwitch.isPresent()) {
                TlsSwitcher.Result switched = tlsSwitcher.switchOn(operation, spec, tlsSwitch.get(), listener,
                        requestedBy);
                downtimeMs = switched.downtime().toMillis();
                if (switched.failure().isPresent()) {
                    return failed(operation, switched.failure().get(), started, downtimeMs);
                }
                operation.stage("switched to TLS; the volumes were offline for "
                        + String.format(Locale.ROOT, "%.1f", downtimeMs / 1000.0) + " s; applying the rest of the spec");
            }
            if (!growths.isEmpty()) {
                Optional<StepReport> failed = grower.grow(operation, spec, addresses, growths, listener, requestedBy,
                        operation.record().getStepsDoneList());
                if (failed.isPresent()) {
                    return failed(operation, failed.get(), started, 0);
                }
                operation.stage("applying the rest of the spec: fstab, mounts, drop-in and auth.allow with the new nodes");
            }
            if (!shrinks.isEmpty()) {
                Optional<StepReport> failed = shrinker.shrink(operation, spec, shrinks, listener, requestedBy);
                if (failed.isPresent()) {
                    return failed(operation, failed.get(), started, 0);
                }
                operation.stage("applying the rest of the spec: fstab with the volume's remaining nodes");
            }
            if (!departing.isEmpty()) {
                Optional<StepReport> failed = remover.remove(operation, spec, departing, forceUnmount, listener,
                        requestedBy);
                if (failed.isPresent()) {
                    return failed(operation, failed.get(), started, 0);
                }
                operation.stage("applying the rest of the spec: auth.allow, and /etc/hosts on every node without "
                        + String.join(", ", departing));
            }
            List<String> departed = new ArrayList<>(recovery.departing());
            departed.addAll(departing);
            Plan plan = planner.plan(spec, addresses, departed);
            log.info(() -> "apply of cluster " + spec.name() + ": " + plan.steps().size() + " steps");
            // A re-apply of the spec in force usually finds nothing to change: its replication
            // check then runs beside the check round instead of after it, and counts only if
            // nothing was changed.
            Optional<Future<List<VerifyResponse>>> early = !skipVerify && recovery.isEmpty() && growths.isEmpty()
                    && shrinks.isEmpty() && departing.isEmpty() && health.spec().equals(Optional.of(spec))
                    ? Optional.of(background.submit(() -> verifyAll(spec))) : Optional.empty();
            RunResult result = converge(plan, listener, requestedBy);
            ApplyFinished.Builder finished = ApplyFinished.newBuilder()
                    .setDowntimeMs((int) downtimeMs)
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
                if (!skipVerify) {
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
            operation.publish(ApplyEvent.newBuilder()
                    .setFinished(finished.setSuccess(success).setDurationMs((int) result.durationMillis()))
                    .build());
            log.info(() -> "apply of cluster " + spec.name() + " finished: " + (result.success() ? "ok" : "failed"));
            return new Operations.Outcome(success, success ? "done" : result.firstFailure()
                    .map(step -> step.getNode() + " / " + step.getStep() + ": " + step.getSummary())
                    .orElse("the replication check failed"));
        } finally {
            if (!departing.isEmpty()) {
                remover.settled(departing);
            }
            applyRecorder.applied(succeeded, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * What this spec brings back (bricks given to new nodes, nodes rebuilt under their own name,
     * bricks on new empty disks), from each volume's layout and brick states read fresh on the
     * manager and each node asked about itself; the safety rules are checked here, before anything
     * changes. A layout that cannot be read finds nothing in that volume: the apply then goes on as
     * usual, and its volume step refuses any layout other than the spec's.
     */
    private Recovery recovery(ClusterSpec spec, String requestedBy) {
        Map<String, VolumeState> layouts = new LinkedHashMap<>();
        for (VolumeSpec volume : spec.volumes()) {
            try {
                layouts.put(volume.name(), volumeReader.readBrickStates(spec.manager(), volume.name(), requestedBy));
            } catch (VolumeReader.ReadFailedException e) {
                log.info(() -> "nothing to bring back looked for in volume " + volume.name() + ": " + e.getMessage());
            }
        }
        try {
            Recovery recovery = recoveryFinder.find(spec, layouts, node -> registry.session(node).isPresent(),
                    requestedBy);
            replacer.requireSafe(spec.manager(), recovery.replacements(), requestedBy);
            return recovery;
        } catch (ReplacementRefusedException e) {
            throw Status.FAILED_PRECONDITION.withDescription("refused, nothing was changed: " + e.getMessage())
                    .asRuntimeException();
        } catch (VolumeReader.ReadFailedException e) {
            throw Status.UNAVAILABLE.withDescription(e.getMessage() + " (nothing was changed)").asRuntimeException();
        }
    }

    /**
     * The volumes this spec grows by whole replica sets, from each volume's layout read fresh on
     * the manager; their safety rules are checked here, before anything changes.
     */
    private List<Growth> growths(ClusterSpec spec, Map<String, VolumeState> layouts, String requestedBy) {
        List<Growth> growths = GrowthFinder.find(spec, layouts);
        requireSafe(() -> grower.requireSafe(spec.manager(), growths, requestedBy));
        return growths;
    }

    /** The volumes this spec shrinks by whole replica sets; their safety rules are checked here. */
    private List<Shrink> shrinks(ClusterSpec spec, Map<String, VolumeState> layouts, String requestedBy) {
        List<Shrink> shrinks = ShrinkFinder.find(spec, layouts);
        requireSafe(() -> shrinker.requireSafe(spec.manager(), shrinks, requestedBy));
        return shrinks;
    }

    /** A layout change's safety rules on fresh reads: a refusal or a failed read ends the apply, nothing changed. */
    private static void requireSafe(LayoutSafety rules) {
        try {
            rules.check();
        } catch (LayoutChangeRefusedException e) {
            throw Status.FAILED_PRECONDITION.withDescription("refused, nothing was changed: " + e.getMessage())
                    .asRuntimeException();
        } catch (VolumeStates.ReadFailedException e) {
            throw Status.UNAVAILABLE.withDescription(e.getMessage() + " (nothing was changed)").asRuntimeException();
        }
    }

    @FunctionalInterface
    private interface LayoutSafety {
        void check() throws LayoutChangeRefusedException, VolumeStates.ReadFailedException;
    }

    /**
     * Each volume's layout, read fresh on the manager once for the growths, shrinks and departures
     * this spec makes; a layout that cannot be read is left out, and nothing is looked for in it.
     */
    private Map<String, VolumeState> layouts(ClusterSpec spec, String requestedBy) {
        Map<String, VolumeState> layouts = new LinkedHashMap<>();
        for (VolumeSpec volume : spec.volumes()) {
            try {
                layouts.put(volume.name(), volumeReader.read(spec.manager(), volume.name(), false, requestedBy));
            } catch (VolumeReader.ReadFailedException e) {
                log.info(() -> "no layout change looked for in volume " + volume.name() + ": " + e.getMessage());
            }
        }
        return layouts;
    }

    /**
     * The nodes of the spec applied last that this one no longer lists. Refused before anything
     * changes while one still holds a brick that no shrink of this apply removes, or while its
     * agent is away (its mounts could not be released).
     */
    private List<String> departures(ClusterSpec spec, Map<String, VolumeState> layouts, List<Shrink> shrinks) {
        List<String> departing = Departures.find(appliedSpec(), spec);
        if (departing.isEmpty()) {
            return departing;
        }
        Departures.refusal(departing, layouts, shrinks).ifPresent(refusal -> {
            throw Status.FAILED_PRECONDITION.withDescription("refused, nothing was changed: " + refusal)
                    .asRuntimeException();
        });
        List<String> away = departing.stream().filter(node -> registry.session(node).isEmpty()).toList();
        if (!away.isEmpty()) {
            throw Status.FAILED_PRECONDITION.withDescription("not connected: " + String.join(", ", away)
                    + ", which leave the cluster; their mounts, fstab lines and Docker drop-in are released by their"
                    + " agents: start brickwork-agent there (nothing was changed)").asRuntimeException();
        }
        return departing;
    }

    /** Ends an apply on the step that failed or was refused in one of its operations, before the rest of the spec. */
    private static Operations.Outcome failed(Operation operation, StepReport failed, long startedNanos,
            long downtimeMs) {
        operation.publish(ApplyEvent.newBuilder().setFinished(ApplyFinished.newBuilder()
                .setSuccess(false).setFailedCount(1).setFirstFailure(failed)
                .setDowntimeMs((int) downtimeMs)
                .setDurationMs((int) Duration.ofNanos(System.nanoTime() - startedNanos).toMillis())).build());
        return new Operations.Outcome(false, failed.getNode() + " / " + failed.getStep() + ": " + failed.getSummary());
    }

    /** The ordinary steps a switch to TLS replaces: refused before it, in sync after it. */
    private static boolean switchedByTlsSwitch(String step, TlsSwitch tlsSwitch) {
        return (step.equals("gluster-tls") && !tlsSwitch.nodes().isEmpty())
                || tlsSwitch.volumes().stream().anyMatch(volume -> step.equals("volume-tls:" + volume));
    }

    private static String kind(Recovery recovery, List<Growth> growths, List<Shrink> shrinks, List<String> departing) {
        if (!growths.isEmpty()) {
            return String.join(", ", growths.stream().map(Growth::describe).toList());
        }
        List<String> parts = new ArrayList<>(shrinks.stream().map(Shrink::describe).toList());
        if (!departing.isEmpty()) {
            parts.add(NodeRemover.describe(departing));
        }
        return parts.isEmpty() ? recovery.kind() : String.join(", ", parts);
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

    private Map<String, String> addresses(ClusterSpec spec) {
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
        return addresses;
    }

    /** Refuses before anything runs: a half-reachable cluster would be left half-provisioned. */
    private void requireConnected(ClusterSpec spec) {
        List<String> down = missing(spec);
        if (!down.isEmpty()) {
            throw Status.FAILED_PRECONDITION.withDescription("not connected: " + String.join(", ", down)
                    + " — start brickwork-agent there (nothing was changed)").asRuntimeException();
        }
    }

    private List<String> missing(ClusterSpec spec) {
        return missing(spec, List.of());
    }

    private List<String> missing(ClusterSpec spec, List<String> departing) {
        List<String> nodes = new ArrayList<>(spec.nodes());
        nodes.addAll(departing);
        return nodes.stream().filter(node -> registry.session(node).isEmpty()).toList();
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
