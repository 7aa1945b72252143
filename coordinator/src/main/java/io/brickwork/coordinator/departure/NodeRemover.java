package io.brickwork.coordinator.departure;

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
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.coordinator.swarm.StorageLabeler;
import io.brickwork.coordinator.swarm.SwarmException;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.DetachPeer;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.ReleaseMounts;
import io.brickwork.proto.agent.v1.ReleasedMount;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Takes nodes that hold no brick out of the cluster, in the order that never leaves a task on a
 * node without its storage: their Swarm storage labels first, then on each its Brickwork mounts
 * (unmounted, fstab lines and Docker drop-in lines removed; refused while a process uses one,
 * unless forced), then {@code peer detach} on the manager. The rest (auth.allow without them,
 * /etc/hosts without their names on every node) is the ordinary apply that follows. Every step
 * re-checks what is first, so running it again after a restart continues where the nodes are.
 */
public final class NodeRemover {
    /** How long the Swarm manager gets to take the labels off. */
    static final Duration LABELS_TIMEOUT = Duration.ofSeconds(30);

    private final PlanRunner runner;
    private final Optional<StorageLabeler> labeler;
    private final Duration stepTimeout;

    public NodeRemover(PlanRunner runner, Optional<StorageLabeler> labeler, Duration stepTimeout) {
        this.runner = requireNonNull(runner, "runner is null");
        this.labeler = requireNonNull(labeler, "labeler is null");
        this.stepTimeout = requireNonNull(stepTimeout, "stepTimeout is null");
    }

    public static String describe(List<String> departing) {
        return "remove " + String.join(", ", departing) + " from the cluster";
    }

    /**
     * What the departures would do, as plan shows them: the labels, each node's mounts as its agent
     * checks them now, and the detach (checked now too, unless a shrink must first take the bricks).
     */
    public List<StepReport> plan(ClusterSpec spec, List<String> departing, boolean force, boolean afterShrink,
            String requestedBy) {
        List<StepReport> steps = new ArrayList<>();
        steps.add(labels(spec, departing));
        for (String node : departing) {
            steps.add(check(spec, release(spec, node, force), requestedBy));
        }
        for (String node : departing) {
            PlannedStep detach = detach(spec, node);
            steps.add(afterShrink ? report(detach.node(), detach.name(), StepState.STEP_STATE_WILL_CHANGE,
                    "gluster peer detach " + node + ", once the shrink has taken its bricks")
                    : check(spec, detach, requestedBy));
        }
        return steps;
    }

    /** Why the departures cannot start now, if they cannot: a node's mount in use (and no force), as its agent reads it. */
    public Optional<String> refusal(ClusterSpec spec, List<String> departing, boolean force, String requestedBy) {
        for (String node : departing) {
            StepReport checked = check(spec, release(spec, node, force), requestedBy);
            if (checked.getState() == StepState.STEP_STATE_REFUSED || checked.getState() == StepState.STEP_STATE_FAILED) {
                return Optional.of(node + ": " + checked.getSummary());
            }
        }
        return Optional.empty();
    }

    /** @return the first step that failed or was refused; empty when every node has left the pool */
    public Optional<StepReport> remove(Operation operation, ClusterSpec spec, List<String> departing, boolean force,
            StepListener listener, String requestedBy) {
        String labelsStep = "swarm-labels";
        if (labeler.isPresent()) {
            operation.stage("taking the Swarm storage labels off " + String.join(", ", departing));
            listener.started(report(spec.manager(), labelsStep, StepState.STEP_STATE_RUNNING,
                    "removing the brickwork.storage.* labels of " + String.join(", ", departing)));
            try {
                long changed = labeler.get().withdraw(Set.copyOf(departing), LABELS_TIMEOUT);
                finished(listener, spec.manager(), labelsStep, changed > 0 ? StepState.STEP_STATE_CHANGED
                        : StepState.STEP_STATE_UNCHANGED, changed + " storage labels removed; none left on the Swarm"
                        + " nodes of " + String.join(", ", departing));
            } catch (SwarmException e) {
                return Optional.of(finished(listener, spec.manager(), labelsStep, StepState.STEP_STATE_FAILED,
                        "the storage labels of " + String.join(", ", departing) + " could not be removed, so their"
                                + " mounts stay: " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(finished(listener, spec.manager(), labelsStep, StepState.STEP_STATE_FAILED,
                        "interrupted: the coordinator is stopping; it resumes when it starts again"));
            }
        } else {
            finished(listener, spec.manager(), labelsStep, StepState.STEP_STATE_UNCHANGED,
                    "no Swarm configured (swarm.docker-host): no storage labels to remove");
        }
        for (String node : departing) {
            operation.stage(node + " lets go of its mounts of " + String.join(", ",
                    spec.volumes().stream().map(VolumeSpec::name).toList()));
            RunResult released = runner.run(single(spec, release(spec, node, force)), Mode.MODE_APPLY, listener,
                    requestedBy);
            if (!released.success()) {
                return released.firstFailure();
            }
        }
        for (String node : departing) {
            operation.stage("detaching " + node + " from the pool");
            RunResult detached = runner.run(single(spec, detach(spec, node)), Mode.MODE_APPLY, listener, requestedBy);
            if (!detached.success()) {
                return detached.firstFailure();
            }
        }
        return Optional.empty();
    }

    /** The labels of these nodes follow their readiness again; once they have left the spec they get none. */
    public void settled(List<String> departing) {
        labeler.ifPresent(present -> present.readmit(Set.copyOf(departing)));
    }

    private StepReport labels(ClusterSpec spec, List<String> departing) {
        return labeler.isPresent()
                ? report(spec.manager(), "swarm-labels", StepState.STEP_STATE_WILL_CHANGE, "remove the brickwork.storage.* labels"
                        + " of " + String.join(", ", departing) + " from the Swarm first, so no task is placed there")
                : report(spec.manager(), "swarm-labels", StepState.STEP_STATE_IN_SYNC,
                        "no Swarm configured (swarm.docker-host): no storage labels to remove");
    }

    private StepReport check(ClusterSpec spec, PlannedStep step, String requestedBy) {
        return runner.run(single(spec, step), Mode.MODE_CHECK, StepListener.NONE, requestedBy).steps().get(0);
    }

    private PlannedStep release(ClusterSpec spec, String node, boolean force) {
        ReleaseMounts.Builder release = ReleaseMounts.newBuilder().setForce(force);
        for (VolumeSpec volume : spec.volumes()) {
            release.addMounts(ReleasedMount.newBuilder().setSource("localhost:/" + volume.name())
                    .setMountPoint(volume.mount().path()));
        }
        return new PlannedStep(node, "release-mounts", ActionRequest.newBuilder().setReleaseMounts(release).build(),
                stepTimeout);
    }

    private PlannedStep detach(ClusterSpec spec, String node) {
        return new PlannedStep(spec.manager(), "detach-peer:" + node, ActionRequest.newBuilder()
                .setDetachPeer(DetachPeer.newBuilder().setHost(node)).build(), stepTimeout);
    }
}
