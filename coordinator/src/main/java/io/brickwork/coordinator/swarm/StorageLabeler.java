package io.brickwork.coordinator.swarm;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import io.brickwork.proto.coordinator.v1.StorageLabel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps {@code brickwork.storage.<volume>=ready} on exactly the Swarm nodes whose storage is
 * ready ({@link StorageLabels}), so that stacks constrained to it never start a task on a node
 * whose mount is missing or hung. Reconciles at once when the health model changes and every
 * {@code interval} besides (the Swarm's labels can be changed by hand, or a call can fail).
 *
 * <p>Reconciliations run one at a time on their own thread: a slow Engine API never holds up the
 * health model's listeners, and a burst of changes coalesces into one more pass.
 */
public final class StorageLabeler {
    private static final Logger log = Logger.getLogger(StorageLabeler.class.getName());

    private final HealthModel health;
    private final SwarmApi swarm;
    private final ScheduledExecutorService executor;
    private final Duration interval;
    private final AtomicBoolean pending = new AtomicBoolean();
    private Runnable removeListener;
    private ScheduledFuture<?> periodic;
    private volatile State state = new State(List.of(), Optional.of("not reconciled yet"), 0);
    /** Nodes leaving the cluster: not ready, whatever their mounts say, until {@link #readmit}. */
    private volatile Set<String> leaving = Set.of();

    /**
     * What the last pass saw and left: per Brickwork node and volume, readiness and the label.
     *
     * @param error why the last pass failed, if it did
     * @param changes how many label changes all passes made so far
     */
    public record State(List<StorageLabel> labels, Optional<String> error, long changes) {
        public State {
            labels = List.copyOf(labels);
        }
    }

    /** @param executor single-threaded, owned by this labeler */
    public StorageLabeler(HealthModel health, SwarmApi swarm, ScheduledExecutorService executor, Duration interval) {
        this.health = requireNonNull(health, "health is null");
        this.swarm = requireNonNull(swarm, "swarm is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.interval = requireNonNull(interval, "interval is null");
    }

    public synchronized void start() {
        // Status (GetStatus, WatchStatus, brickwork status) shows the labels as of the last pass.
        health.decorate(status -> status.toBuilder().addAllStorageLabels(state.labels()).build());
        removeListener = health.addListener(this::requestReconcile);
        periodic = executor.scheduleWithFixedDelay(this::reconcileQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (removeListener != null) {
            removeListener.run();
        }
        health.decorate(UnaryOperator.identity());
        if (periodic != null) {
            periodic.cancel(false);
        }
        executor.shutdownNow();
        swarm.close();
    }

    public State state() {
        return state;
    }

    /**
     * Takes the storage labels off these nodes now and keeps them off until {@link #readmit}: a
     * node leaving the cluster loses them before its mounts go, so that no new task is placed on
     * it. Runs one pass on the labeler's thread and waits for it.
     *
     * @return how many labels the pass removed or set
     * @throws SwarmException the pass failed or did not end within {@code timeout}: the labels may still be there
     */
    public long withdraw(Set<String> nodes, Duration timeout) throws SwarmException, InterruptedException {
        leaving = Set.copyOf(nodes);
        long before = state.changes();
        Future<?> pass = executor.submit(() -> {
            reconcile();
            return null;
        });
        try {
            pass.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SwarmException swarmFailure ? swarmFailure
                    : new SwarmException("the pass that removes the labels of " + nodes + " failed: " + e.getCause());
        } catch (TimeoutException e) {
            pass.cancel(true);
            throw new SwarmException("the pass that removes the labels of " + nodes + " did not end within "
                    + timeout.toSeconds() + " s");
        }
        return state.changes() - before;
    }

    /** The labels of these nodes follow their readiness again (a departure that did not complete). */
    public void readmit(Set<String> nodes) {
        Set<String> still = new java.util.HashSet<>(leaving);
        still.removeAll(nodes);
        leaving = Set.copyOf(still);
        requestReconcile();
    }

    /** Called on the health model's thread: only queues a pass. */
    void requestReconcile() {
        if (pending.compareAndSet(false, true)) {
            try {
                executor.execute(this::reconcileQuietly);
            } catch (RejectedExecutionException e) {
                // Stopped: nothing left to label.
                pending.set(false);
            }
        }
    }

    private void reconcileQuietly() {
        pending.set(false);
        try {
            reconcile();
        } catch (SwarmException e) {
            state = new State(state.labels(), Optional.of(e.getMessage()), state.changes());
            log.log(Level.WARNING, "storage labels: " + e.getMessage());
        } catch (RuntimeException e) {
            state = new State(state.labels(), Optional.of(e.toString()), state.changes());
            log.log(Level.WARNING, "storage labels: reconcile failed", e);
        }
    }

    /** One pass: read status and the Swarm's nodes, change only the labels that differ. */
    void reconcile() throws SwarmException {
        Optional<ClusterSpec> spec = health.spec();
        if (spec.isEmpty()) {
            return;
        }
        GetStatusResponse status = health.status();
        List<SwarmNode> nodes = swarm.nodes();
        Map<String, List<String>> addresses = new TreeMap<>();
        for (NodeInfo node : status.getNodesList()) {
            addresses.put(node.getName(), node.getAddressesList());
        }
        Set<String> withdrawn = leaving;
        List<StorageLabels.Readiness> readiness = StorageLabels.readiness(spec.get(), status).stream()
                .map(one -> withdrawn.contains(one.node())
                        ? new StorageLabels.Readiness(one.node(), one.volume(), false, "leaving the cluster") : one)
                .toList();
        List<StorageLabels.Change> changes = StorageLabels.changes(spec.get(), readiness, nodes,
                node -> addresses.getOrDefault(node, List.of()));
        long made = 0;
        Map<String, Map<String, String>> after = new TreeMap<>();
        for (SwarmNode node : nodes) {
            after.put(node.id(), new TreeMap<>(node.labels()));
        }
        for (StorageLabels.Change change : changes) {
            if (swarm.setLabel(change.node().id(), change.key(), change.value())) {
                made++;
                log.info(() -> "storage labels: " + change);
            }
            Map<String, String> labels = after.get(change.node().id());
            change.value().ifPresentOrElse(value -> labels.put(change.key(), value), () -> labels.remove(change.key()));
        }
        List<StorageLabel> labels = new ArrayList<>();
        for (StorageLabels.Readiness one : readiness) {
            Optional<SwarmNode> swarmNode = nodes.stream()
                    .filter(node -> StorageLabels.brickworkNode(node, spec.get().nodes(),
                            name -> addresses.getOrDefault(name, List.of())).equals(Optional.of(one.node())))
                    .findFirst();
            labels.add(StorageLabel.newBuilder()
                    .setNode(one.node())
                    .setVolume(one.volume())
                    .setReady(one.ready())
                    .setReason(one.reason())
                    .setSwarmNode(swarmNode.map(SwarmNode::hostname).orElse(""))
                    .setLabelled(swarmNode.map(node -> StorageLabels.READY.equals(
                            after.get(node.id()).get(StorageLabels.key(one.volume())))).orElse(false))
                    .build());
        }
        boolean changed = !labels.equals(state.labels()) || state.error().isPresent();
        state = new State(labels, Optional.empty(), state.changes() + made);
        if (changed) {
            health.tick();
        }
    }
}
