package io.brickwork.coordinator.tlsswitch;

import static io.brickwork.coordinator.operation.StepReports.finished;
import static io.brickwork.coordinator.operation.StepReports.single;
import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.apply.PlanRunner;
import io.brickwork.coordinator.apply.RunResult;
import io.brickwork.coordinator.apply.StepListener;
import io.brickwork.coordinator.layout.VolumeStates;
import io.brickwork.coordinator.operation.Operation;
import io.brickwork.coordinator.plan.PlannedStep;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.EnsureVolumeStarted;
import io.brickwork.proto.agent.v1.EnsureVolumeStopped;
import io.brickwork.proto.agent.v1.EnsureVolumeTls;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Remount;
import io.brickwork.proto.agent.v1.SwitchManagementTls;
import io.brickwork.proto.agent.v1.VolumeState;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Switches a running cluster to TLS in one outage: every volume of the switch stopped, management
 * TLS on and glusterd restarted on each node, the volumes' I/O TLS options set, the volumes
 * started, every node's mount remounted, every brick checked online. If any of it fails (a node
 * that does not come back), the same steps run the other way: TLS off again, the volumes started,
 * the mounts back, and the switch is reported failed.
 *
 * <p>Every step re-reads what is before changing it, so running the switch again after a
 * coordinator restart continues where the cluster is.
 */
public final class TlsSwitcher {
    /** glusterd's peers reconnect a few seconds after the restarts; changes before that fail and are tried again. */
    static final Duration SETTLE = Duration.ofSeconds(90);
    static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    /** How the switch ended, and how long the volumes were offline. */
    public record Result(Optional<StepReport> failure, Duration downtime) {
        public Result {
            requireNonNull(failure, "failure is null");
            requireNonNull(downtime, "downtime is null");
        }
    }

    private final PlanRunner runner;
    private final VolumeStates states;
    private final Clock clock;
    private final Duration stepTimeout;
    private final Duration mountTimeout;
    private final Duration settle;
    private final Duration retryPause;

    public TlsSwitcher(PlanRunner runner, VolumeStates states, Clock clock, Duration stepTimeout,
            Duration mountTimeout) {
        this(runner, states, clock, stepTimeout, mountTimeout, SETTLE, RETRY_PAUSE);
    }

    TlsSwitcher(PlanRunner runner, VolumeStates states, Clock clock, Duration stepTimeout, Duration mountTimeout,
            Duration settle, Duration retryPause) {
        this.runner = requireNonNull(runner, "runner is null");
        this.states = requireNonNull(states, "states is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.stepTimeout = requireNonNull(stepTimeout, "stepTimeout is null");
        this.mountTimeout = requireNonNull(mountTimeout, "mountTimeout is null");
        this.settle = requireNonNull(settle, "settle is null");
        this.retryPause = requireNonNull(retryPause, "retryPause is null");
    }

    public Result switchOn(Operation operation, ClusterSpec spec, TlsSwitch tlsSwitch, StepListener listener,
            String requestedBy) {
        // Resumed after the switch itself: only the start, the bricks and the remounts are left.
        boolean resumedAfterSwitch = switched(spec, tlsSwitch, requestedBy);
        TlsSwitch remaining = resumedAfterSwitch ? new TlsSwitch(List.of(), tlsSwitch.stopped(), List.of())
                : tlsSwitch;
        long down = clock.millis();
        Optional<StepReport> failed = run(operation, spec, remaining, true, !resumedAfterSwitch, listener,
                requestedBy);
        if (failed.isEmpty()) {
            return new Result(Optional.empty(), Duration.ofMillis(clock.millis() - down));
        }
        operation.stage("the switch to TLS failed (" + failed.get().getNode() + " / " + failed.get().getStep()
                + "); undoing it: TLS off again, the volumes started, the mounts back");
        Optional<StepReport> undo = run(operation, spec, tlsSwitch, false, true, listener, requestedBy);
        String outcome = undo.isEmpty() ? "undone: TLS is off again, " + String.join(", ", tlsSwitch.stopped())
                + " started and mounted as before"
                : "undoing it failed too at " + undo.get().getNode() + " / " + undo.get().getStep() + ": "
                        + undo.get().getSummary() + "; bring that node back and apply again";
        StepReport failure = failed.get().toBuilder()
                .setSummary("the switch to TLS failed: " + failed.get().getSummary() + "; " + outcome)
                .build();
        return new Result(Optional.of(failure), Duration.ofMillis(clock.millis() - down));
    }

    /**
     * Every node's management TLS and every volume's I/O TLS already on, read fresh: what a
     * coordinator restarted after the switch itself finds. The volumes are then not stopped again.
     */
    private boolean switched(ClusterSpec spec, TlsSwitch tlsSwitch, String requestedBy) {
        List<PlannedStep> steps = new ArrayList<>();
        tlsSwitch.nodes().forEach(node -> steps.add(step(node, "management-tls", ActionRequest.newBuilder()
                .setSwitchManagementTls(SwitchManagementTls.newBuilder().setOn(true)), stepTimeout)));
        tlsSwitch.volumes().forEach(volume -> steps.add(step(spec.manager(), "volume-tls:" + volume,
                ActionRequest.newBuilder().setVolumeTls(EnsureVolumeTls.newBuilder().setVolume(volume)
                        .addAllAllowedNames(spec.nodes())), stepTimeout)));
        for (PlannedStep step : steps) {
            RunResult checked = runner.run(single(spec, step), Mode.MODE_CHECK, StepListener.NONE, requestedBy);
            if (checked.steps().get(0).getState() != StepState.STEP_STATE_IN_SYNC) {
                return false;
            }
        }
        return !steps.isEmpty();
    }

    /**
     * The switch one way (on) or the other (undo); the first step that failed.
     *
     * @param stop stop the volumes first (not when resuming after the switch itself)
     */
    private Optional<StepReport> run(Operation operation, ClusterSpec spec, TlsSwitch tlsSwitch, boolean on,
            boolean stop, StepListener listener, String requestedBy) {
        String manager = spec.manager();
        String way = on ? "" : "undo-";
        Optional<StepReport> firstFailure = Optional.empty();
        if (stop) {
            operation.stage((on ? "stopping " : "stopping again ") + String.join(", ", tlsSwitch.stopped()));
        }
        for (String volume : stop ? tlsSwitch.stopped() : List.<String>of()) {
            firstFailure = firstFailure.or(() -> once(spec, step(manager, way + "volume-stopped:" + volume,
                    ActionRequest.newBuilder().setVolumeStopped(EnsureVolumeStopped.newBuilder().setName(volume)),
                    stepTimeout), listener, requestedBy));
            if (on && firstFailure.isPresent()) {
                return firstFailure;
            }
        }
        for (String node : tlsSwitch.nodes()) {
            operation.stage((on ? "turning management TLS on" : "turning management TLS off") + " and restarting"
                    + " glusterd on " + node);
            Optional<StepReport> switched = once(spec, step(node, way + "management-tls",
                    ActionRequest.newBuilder().setSwitchManagementTls(SwitchManagementTls.newBuilder().setOn(on)),
                    stepTimeout), listener, requestedBy);
            firstFailure = firstFailure.or(() -> switched);
            if (on && firstFailure.isPresent()) {
                return firstFailure;
            }
        }
        for (String volume : tlsSwitch.volumes()) {
            operation.stage((on ? "turning TLS on" : "turning TLS off") + " for the I/O path of " + volume);
            List<PlannedStep> steps = on
                    ? List.of(step(manager, "volume-tls:" + volume, ActionRequest.newBuilder().setVolumeTls(
                            EnsureVolumeTls.newBuilder().setVolume(volume).addAllAllowedNames(spec.nodes())),
                            stepTimeout))
                    : List.of(step(manager, "undo-volume-tls:" + volume, ActionRequest.newBuilder().setVolumeTls(
                            EnsureVolumeTls.newBuilder().setVolume(volume).addAllAllowedNames(spec.nodes())
                                    .setOff(true)), stepTimeout));
            for (PlannedStep step : steps) {
                Optional<StepReport> set = settled(spec, step, listener, requestedBy);
                firstFailure = firstFailure.or(() -> set);
                if (on && firstFailure.isPresent()) {
                    return firstFailure;
                }
            }
        }
        for (String volume : tlsSwitch.stopped()) {
            operation.stage("starting " + volume);
            Optional<StepReport> started = settled(spec, step(manager, way + "volume-started:" + volume,
                    ActionRequest.newBuilder().setVolumeStarted(EnsureVolumeStarted.newBuilder().setName(volume)),
                    stepTimeout), listener, requestedBy);
            firstFailure = firstFailure.or(() -> started);
            if (on && firstFailure.isPresent()) {
                return firstFailure;
            }
        }
        for (String volume : tlsSwitch.stopped()) {
            Optional<String> offline = awaitBricks(operation, manager, volume, requestedBy);
            if (offline.isPresent()) {
                StepReport report = finished(listener, manager, way + "bricks-online:" + volume,
                        StepState.STEP_STATE_FAILED, offline.get());
                firstFailure = firstFailure.or(() -> Optional.of(report));
                if (on) {
                    return firstFailure;
                }
            } else {
                finished(listener, manager, way + "bricks-online:" + volume, StepState.STEP_STATE_CHANGED,
                        "every brick of " + volume + " is online");
            }
        }
        for (String volume : tlsSwitch.stopped()) {
            Optional<VolumeSpec> volumeSpec = spec.volumes().stream()
                    .filter(candidate -> candidate.name().equals(volume)).findFirst();
            if (volumeSpec.isEmpty()) {
                continue;
            }
            operation.stage("remounting " + volume + " on every node");
            for (String node : spec.nodes()) {
                Optional<StepReport> remounted = settled(spec, step(node, way + "remount:" + volume,
                        ActionRequest.newBuilder().setRemount(Remount.newBuilder().setSource("localhost:/" + volume)
                                .setMountPoint(volumeSpec.get().mount().path())), mountTimeout), listener, requestedBy);
                firstFailure = firstFailure.or(() -> remounted);
                if (on && firstFailure.isPresent()) {
                    return firstFailure;
                }
            }
        }
        return firstFailure;
    }

    private static PlannedStep step(String node, String name, ActionRequest.Builder action, Duration timeout) {
        return new PlannedStep(node, name, action.build(), timeout);
    }

    /** The step, once; a failure or refusal is returned. */
    private Optional<StepReport> once(ClusterSpec spec, PlannedStep step, StepListener listener, String requestedBy) {
        RunResult result = runner.run(single(spec, step), Mode.MODE_APPLY, listener, requestedBy);
        return result.success() ? Optional.empty() : result.firstFailure();
    }

    /**
     * The step, tried again while glusterd's peers reconnect after the restarts (a change fails
     * until every peer is connected); a refused one is not tried again. Only the last attempt is
     * reported.
     */
    private Optional<StepReport> settled(ClusterSpec spec, PlannedStep step, StepListener listener,
            String requestedBy) {
        long end = clock.millis() + settle.toMillis();
        while (true) {
            RunResult result = runner.run(single(spec, step), Mode.MODE_APPLY, StepListener.NONE, requestedBy);
            // A refusal is an answer about the request, not a peer still reconnecting.
            boolean refused = result.count(StepState.STEP_STATE_REFUSED) > 0;
            if (result.success() || refused || clock.millis() + retryPause.toMillis() > end) {
                result.steps().forEach(listener::finished);
                return result.success() ? Optional.empty() : result.firstFailure();
            }
            if (!pause()) {
                result.steps().forEach(listener::finished);
                return result.firstFailure();
            }
        }
    }

    /** Empty once every brick of the volume is online; else why not, after the settle time. */
    private Optional<String> awaitBricks(Operation operation, String manager, String volume, String requestedBy) {
        operation.stage("waiting for every brick of " + volume + " to be online");
        long end = clock.millis() + settle.toMillis();
        String last;
        while (true) {
            try {
                VolumeState state = states.brickStates(manager, volume, requestedBy);
                List<String> offline = new ArrayList<>(state.getBricksList());
                offline.removeAll(state.getOnlineBricksList());
                if (offline.isEmpty() && state.getBricksCount() > 0) {
                    return Optional.empty();
                }
                last = "bricks offline: " + String.join(", ", offline);
            } catch (VolumeStates.ReadFailedException e) {
                last = e.getMessage();
            }
            if (clock.millis() + retryPause.toMillis() > end || !pause()) {
                return Optional.of(volume + " not back within " + settle.toSeconds() + " s: " + last);
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(retryPause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
