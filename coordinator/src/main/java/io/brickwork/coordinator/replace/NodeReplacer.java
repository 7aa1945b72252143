package io.brickwork.coordinator.replace;

import static io.brickwork.coordinator.operation.StepReports.finished;
import static io.brickwork.coordinator.operation.StepReports.report;
import static io.brickwork.coordinator.operation.StepReports.single;
import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.apply.PlanRunner;
import io.brickwork.coordinator.apply.RunResult;
import io.brickwork.coordinator.apply.StepListener;
import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.operation.Operation;
import io.brickwork.coordinator.plan.Plan;
import io.brickwork.coordinator.plan.PlannedStep;
import io.brickwork.coordinator.plan.Planner;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.Brick;
import io.brickwork.proto.agent.v1.BrickHealFact;
import io.brickwork.proto.agent.v1.DetachPeer;
import io.brickwork.proto.agent.v1.GlusterdPeer;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.PeerFact;
import io.brickwork.proto.agent.v1.ReplaceBrick;
import io.brickwork.proto.agent.v1.ResetBrick;
import io.brickwork.proto.agent.v1.RestartGlusterdAfterImport;
import io.brickwork.proto.agent.v1.RestoreGlusterdIdentity;
import io.brickwork.proto.agent.v1.VolumeState;
import io.brickwork.proto.coordinator.v1.BrickHealProgress;
import io.brickwork.proto.coordinator.v1.HealProgress;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Brings back what a dead node or disk took away, one brick at a time: prepare every node (and
 * let a node rebuilt under its own name take back its glusterd identity), probe the new nodes;
 * per brick, the safety rules on a fresh read, {@code replace-brick commit force} onto a new node
 * or {@code reset-brick} onto an empty directory, and a wait until every brick of its set reports
 * 0 entries pending heal; then the old nodes leave the pool. Every step re-checks what is first,
 * so running it again after a restart continues where gluster is. The rest of the spec
 * (auth.allow, fstab, mounts, /etc/hosts without the old names) is the ordinary apply that follows.
 */
public final class NodeReplacer {
    /**
     * How often the heal counts are read while waiting: each read crawls every brick's index, but
     * only while a replacement runs, and the end of the heal is seen within a second.
     */
    static final Duration HEAL_POLL = Duration.ofSeconds(1);
    /** A heal whose backlog has not shrunk for this long is reported as stuck. */
    static final Duration HEAL_STALL = Duration.ofMinutes(30);
    /** Two reads of 0 in a row: one could fall between an entry's arrival and its index entry. */
    static final int ZERO_READS = 2;
    /** How long a rebuilt node's glusterd may take to import the volumes from its peers. */
    static final Duration IMPORT_WAIT = Duration.ofMinutes(2);

    private final Planner planner;
    private final PlanRunner runner;
    private final VolumeReader reader;
    private final HealthModel health;
    private final Clock clock;
    private final Duration replaceTimeout;

    public NodeReplacer(Planner planner, PlanRunner runner, VolumeReader reader, HealthModel health, Clock clock,
            Duration replaceTimeout) {
        this.planner = requireNonNull(planner, "planner is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.health = requireNonNull(health, "health is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.replaceTimeout = requireNonNull(replaceTimeout, "replaceTimeout is null");
    }

    /**
     * The safety rules for every replacement on fresh reads, before anything changes.
     *
     * @throws ReplacementRefusedException the first that is not safe
     */
    public void requireSafe(String manager, List<Replacement> replacements, String requestedBy)
            throws ReplacementRefusedException, VolumeReader.ReadFailedException {
        for (Replacement replacement : replacements) {
            VolumeState state = reader.read(manager, replacement.volume(), true, requestedBy);
            Optional<String> refusal = SafetyRules.check(replacement, state,
                    health.lastPending(replacement.volume(), replacement.oldBrick()));
            if (refusal.isPresent()) {
                throw new ReplacementRefusedException(refusal.get());
            }
        }
    }

    /** @return the first step that failed or was refused; empty when every brick is back and healed */
    public Optional<StepReport> replace(Operation operation, ClusterSpec spec, Map<String, String> addresses,
            Recovery recovery, StepListener listener, String requestedBy) {
        String manager = spec.manager();
        if (!recovery.rebuilt().isEmpty()) {
            operation.stage("preparing every node, brick directories included, before "
                    + String.join(", ", recovery.rebuilt().stream().map(RebuiltNode::node).toList())
                    + " take back their glusterd identity");
            RunResult prepared = runner.run(planner.prepare(spec, addresses), Mode.MODE_APPLY, listener, requestedBy);
            if (!prepared.success()) {
                return prepared.firstFailure();
            }
            for (RebuiltNode node : recovery.rebuilt()) {
                Optional<StepReport> failed = restore(operation, spec, node, listener, requestedBy);
                if (failed.isPresent()) {
                    return failed;
                }
            }
        }
        List<String> joining = recovery.replacements().stream().filter(replacement -> !replacement.isReset())
                .map(Replacement::newHost).distinct().toList();
        operation.stage(joining.isEmpty() ? "preparing every node" : "preparing " + String.join(", ", joining)
                + " and probing " + (joining.size() == 1 ? "it" : "them") + " into the pool");
        RunResult joined = runner.run(planner.join(spec, addresses), Mode.MODE_APPLY, listener, requestedBy);
        if (!joined.success()) {
            return joined.firstFailure();
        }
        for (Replacement replacement : recovery.replacements()) {
            Optional<StepReport> failed = replaceOne(operation, spec, replacement, listener, requestedBy);
            if (failed.isPresent()) {
                return failed;
            }
        }
        for (String host : recovery.departing()) {
            operation.stage("detaching " + host + " from the pool");
            PlannedStep detach = new PlannedStep(manager, "detach-peer:" + host, ActionRequest.newBuilder()
                    .setDetachPeer(DetachPeer.newBuilder().setHost(host)).build(), replaceTimeout);
            RunResult detached = runner.run(single(spec, detach), Mode.MODE_APPLY, listener, requestedBy);
            if (!detached.success()) {
                return detached.firstFailure();
            }
        }
        return Optional.empty();
    }

    /**
     * The rebuilt node takes back its glusterd identity, then its glusterd imports the volumes
     * from its peers: the resets that follow run there and need them. Its glusterd is restarted
     * once more, only after every peer lists it in the cluster: a restart while a peer is still
     * in its handshake leaves that peer holding the node half accepted, a state glusterd never
     * leaves by itself.
     */
    private Optional<StepReport> restore(Operation operation, ClusterSpec spec, RebuiltNode node,
            StepListener listener, String requestedBy) {
        operation.stage(node.node() + " takes back its glusterd UUID " + node.uuid() + " and its " + node.peers().size()
                + " peers");
        List<String> volumes = spec.volumes().stream().filter(volume -> volume.nodes().contains(node.node())
                || volume.arbiterBrick().filter(arbiter -> arbiter.node().equals(node.node())).isPresent())
                .map(volume -> volume.name()).toList();
        PlannedStep step = new PlannedStep(node.node(), "restore-glusterd-identity:" + node.node(),
                ActionRequest.newBuilder().setRestoreGlusterdIdentity(RestoreGlusterdIdentity.newBuilder()
                        .setUuid(node.uuid()).addAllPeers(node.peers()).addAllVolumes(volumes)).build(),
                replaceTimeout);
        RunResult restored = runner.run(single(spec, step), Mode.MODE_APPLY, listener, requestedBy);
        if (!restored.success()) {
            return restored.firstFailure();
        }
        Optional<StepReport> unimported = await(listener, node.node(), "import-volumes:" + node.node(),
                "glusterd on " + node.node() + " to import " + String.join(", ", volumes) + " from its peers",
                IMPORT_WAIT, () -> notImported(node.node(), volumes, requestedBy),
                "glusterd on " + node.node() + " holds " + String.join(", ", volumes) + " again",
                missing -> "glusterd on " + node.node() + " took back its identity but has not imported "
                        + String.join(", ", missing) + " within " + IMPORT_WAIT.toMinutes() + " minutes; see `gluster"
                        + " peer status` there and glusterd.log, then apply again");
        if (unimported.isPresent()) {
            return unimported;
        }
        Optional<StepReport> unaccepted = await(listener, node.node(), "pool-accepts:" + node.node(),
                "every peer to list " + node.node() + " in the cluster", replaceTimeout,
                () -> notAccepting(node, requestedBy), "every peer lists " + node.node() + " in the cluster",
                lagging -> "not every peer lists " + node.node() + " in the cluster within "
                        + replaceTimeout.toSeconds() + " s: " + String.join("; ", lagging)
                        + "; see glusterd.log on both sides");
        if (unaccepted.isPresent()) {
            return unaccepted;
        }
        PlannedStep restart = new PlannedStep(node.node(), "restart-glusterd:" + node.node(), ActionRequest.newBuilder()
                .setRestartGlusterdAfterImport(RestartGlusterdAfterImport.newBuilder().addAllVolumes(volumes)).build(),
                replaceTimeout);
        RunResult restarted = runner.run(single(spec, restart), Mode.MODE_APPLY, listener, requestedBy);
        return restarted.success() ? Optional.empty() : restarted.firstFailure();
    }

    /** The volumes the node's glusterd does not hold yet; one it cannot be asked about counts as missing. */
    private List<String> notImported(String node, List<String> volumes, String requestedBy) {
        List<String> missing = new ArrayList<>();
        for (String volume : volumes) {
            try {
                if (!reader.read(node, volume, false, requestedBy).getExists()) {
                    missing.add(volume);
                }
            } catch (VolumeReader.ReadFailedException e) {
                missing.add(volume);
            }
        }
        return missing;
    }

    /** Each peer that does not list the rebuilt node's UUID in the cluster and connected, with what it lists. */
    private List<String> notAccepting(RebuiltNode node, String requestedBy) {
        List<String> lagging = new ArrayList<>();
        for (GlusterdPeer peer : node.peers()) {
            try {
                Optional<PeerFact> seen = reader.readNode(peer.getHostname(), requestedBy).getPeersList().stream()
                        .filter(fact -> fact.getUuid().equalsIgnoreCase(node.uuid())).findFirst();
                boolean accepted = seen.isPresent() && seen.get().getConnected()
                        && seen.get().getState().equals(RecoveryFinder.IN_CLUSTER);
                if (!accepted) {
                    lagging.add(peer.getHostname() + " lists it as " + seen.map(fact -> fact.getState()
                            + (fact.getConnected() ? ", connected" : ", disconnected")).orElse("nothing"));
                }
            } catch (VolumeReader.ReadFailedException e) {
                lagging.add(peer.getHostname() + " not read: " + e.getMessage());
            }
        }
        return lagging;
    }

    /**
     * Re-reads every {@link #HEAL_POLL} until {@code missing} finds nothing or the wait is over,
     * reporting the wait as step {@code name}.
     *
     * @return the failed step when the wait ran out or was interrupted; empty once nothing is missing
     */
    private Optional<StepReport> await(StepListener listener, String node, String name, String waitingFor,
            Duration wait, Supplier<List<String>> missing, String done, Function<List<String>, String> timedOut) {
        listener.started(report(node, name, StepState.STEP_STATE_RUNNING, "waiting for " + waitingFor));
        long deadline = clock.millis() + wait.toMillis();
        while (true) {
            List<String> still = missing.get();
            if (still.isEmpty()) {
                listener.finished(report(node, name, StepState.STEP_STATE_CHANGED, done));
                return Optional.empty();
            }
            if (clock.millis() > deadline) {
                return Optional.of(finished(listener, node, name, StepState.STEP_STATE_FAILED, timedOut.apply(still)));
            }
            try {
                Thread.sleep(HEAL_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(finished(listener, node, name, StepState.STEP_STATE_FAILED,
                        "interrupted: the coordinator is stopping; it resumes when it starts again"));
            }
        }
    }

    private Optional<StepReport> replaceOne(Operation operation, ClusterSpec spec, Replacement replacement,
            StepListener listener, String requestedBy) {
        String manager = spec.manager();
        PlannedStep step = replacement.isReset()
                ? new PlannedStep(replacement.oldHost(), "reset-brick:" + replacement.volume() + ":"
                        + replacement.oldBrick(), ActionRequest.newBuilder().setResetBrick(ResetBrick.newBuilder()
                                .setVolume(replacement.volume())
                                .setBrick(brick(replacement.oldBrick()))).build(), replaceTimeout)
                : new PlannedStep(manager, "replace-brick:" + replacement.volume() + ":"
                        + replacement.oldBrick(), ActionRequest.newBuilder().setReplaceBrick(ReplaceBrick.newBuilder()
                                .setVolume(replacement.volume())
                                .setOldBrick(brick(replacement.oldBrick()))
                                .setNewBrick(brick(replacement.newBrick()))).build(), replaceTimeout);
        Plan plan = single(spec, step);
        StepReport checked = runner.run(plan, Mode.MODE_CHECK, StepListener.NONE, requestedBy).steps().get(0);
        if (checked.getState() == StepState.STEP_STATE_WILL_CHANGE) {
            // Again on a fresh read right before the change: the cluster may have moved since the apply began.
            operation.stage("checking that " + replacement.oldBrick() + " can be " + (replacement.isReset()
                    ? "reset" : "replaced") + " safely");
            try {
                requireSafe(manager, List.of(replacement), requestedBy);
            } catch (ReplacementRefusedException e) {
                return Optional.of(finished(listener, manager, step.name(), StepState.STEP_STATE_REFUSED, e.getMessage()));
            } catch (VolumeReader.ReadFailedException e) {
                return Optional.of(finished(listener, manager, step.name(), StepState.STEP_STATE_FAILED, e.getMessage()));
            }
            operation.stage((replacement.isReset() ? "resetting " : "replacing ") + replacement.describe());
            RunResult replaced = runner.run(plan, Mode.MODE_APPLY, listener, requestedBy);
            if (!replaced.success()) {
                return replaced.firstFailure();
            }
        } else if (checked.getState() == StepState.STEP_STATE_IN_SYNC) {
            listener.finished(checked.toBuilder().setState(StepState.STEP_STATE_UNCHANGED).build());
        } else {
            listener.finished(checked);
            return Optional.of(checked);
        }
        return awaitHeal(operation, manager, replacement, listener, requestedBy);
    }

    /** Until every brick of the set is online and reports 0 entries pending heal, twice in a row. */
    private Optional<StepReport> awaitHeal(Operation operation, String manager, Replacement replacement,
            StepListener listener, String requestedBy) {
        String name = "heal:" + replacement.volume() + ":" + replacement.newBrick();
        List<String> set = replacement.replicaSetAfter();
        listener.started(report(manager, name, StepState.STEP_STATE_RUNNING, "waiting for the self-heal daemon"));
        long started = clock.millis();
        // The rate counts from the first complete reading: right after the replace the new brick's
        // process is still starting and nothing is counted.
        long first = -1;
        long firstAt = started;
        long lowest = Long.MAX_VALUE;
        long lastProgress = started;
        int zeros = 0;
        while (true) {
            try {
                VolumeState state = reader.read(manager, replacement.volume(), true, requestedBy);
                HealProgress.Builder progress = HealProgress.newBuilder().setVolume(replacement.volume());
                long pending = 0;
                boolean counted = true;
                for (String brick : set) {
                    Optional<BrickHealFact> fact = state.getHealsList().stream()
                            .filter(candidate -> candidate.getBrick().equals(brick) && candidate.getConnected())
                            .findFirst();
                    counted &= fact.isPresent();
                    long count = fact.map(BrickHealFact::getPending).orElse(0L);
                    pending += count;
                    progress.addBricks(BrickHealProgress.newBuilder().setBrick(brick).setPending(count)
                            .setConnected(state.getOnlineBricksList().contains(brick)));
                }
                long now = clock.millis();
                if (counted) {
                    if (first < 0) {
                        first = pending;
                        firstAt = now;
                    }
                    if (pending < lowest) {
                        lowest = pending;
                        lastProgress = now;
                    }
                    HealRate rate = HealRate.of(first, pending, now - firstAt);
                    progress.setEntriesPerSecond(rate.entriesPerSecond());
                    rate.secondsLeft().ifPresent(seconds -> progress.setSecondsLeft((int) Math.min(seconds,
                            Integer.MAX_VALUE)));
                }
                operation.heal(replacement.volume() + ": " + (counted ? pending + " entries left to heal onto "
                        + replacement.newBrick() : "not counted yet (" + state.getHealUnread() + ")"), progress.build());
                zeros = counted && pending == 0 ? zeros + 1 : 0;
                if (zeros >= ZERO_READS) {
                    listener.finished(report(manager, name, StepState.STEP_STATE_CHANGED,
                            "every brick of the set reports 0 entries pending heal after "
                                    + (clock.millis() - started) / 1000 + " s"));
                    return Optional.empty();
                }
                if (now - lastProgress > HEAL_STALL.toMillis()) {
                    return Optional.of(finished(listener, manager, name, StepState.STEP_STATE_FAILED,
                            "the heal onto " + replacement.newBrick() + " has not progressed for "
                                    + HEAL_STALL.toMinutes() + " minutes (" + (counted ? pending + " entries left"
                                    : "nothing counted: " + state.getHealUnread()) + "); see"
                                    + " `gluster volume heal " + replacement.volume() + " info` and the self-heal"
                                    + " daemon's log (glustershd.log), then apply again to resume the wait"));
                }
            } catch (VolumeReader.ReadFailedException e) {
                // The manager's agent or glusterd is away: the heal goes on without us; wait and read again.
                operation.stage("waiting to read the heal counts of " + replacement.volume() + ": " + e.getMessage());
            }
            try {
                Thread.sleep(HEAL_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(finished(listener, manager, name, StepState.STEP_STATE_FAILED,
                        "interrupted: the coordinator is stopping; it resumes the wait when it starts again"));
            }
        }
    }

    private static Brick brick(String brick) {
        return Brick.newBuilder().setHost(Replacement.host(brick)).setPath(Replacement.path(brick)).build();
    }
}
