package io.brickwork.coordinator.health;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.health.facts.NodeObservation;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.proto.agent.v1.Hello;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The coordinator's picture of the cluster: the applied spec, every agent's connection and its
 * last {@link NodeReport}. Status is computed from that picture on demand ({@link #status()}), so
 * reading it never waits on an agent.
 *
 * <p>Listeners hear that something changed, not what: each one reads {@link #status()} itself,
 * which keeps the order of what they see the order of the model. Time alone changes the picture
 * too (a node goes stale without any message), so someone calls {@link #tick()} now and then.
 *
 * <p>Thread-safe: every method may be called from any stream's thread.
 */
public final class HealthModel {
    private static final Logger log = Logger.getLogger(HealthModel.class.getName());

    private final Clock clock;
    private final Duration reportInterval;
    private final Map<String, NodeObservation> nodes = new TreeMap<>();
    /**
     * Per brick, the last pending count any node read for it: a brick that died is judged by what
     * it last held (a replacement must not take away the only copy of pending entries).
     */
    private final PendingCounts lastPending;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final MemoizedEvaluator evaluator;
    private Optional<ClusterSpec> spec = Optional.empty();
    /** How often, at most, reports make the coordinator evaluate the whole cluster. */
    static final Duration EVALUATION_SPACING = Duration.ofMillis(250);
    private long lastPublishMillis = Long.MIN_VALUE / 2;
    private boolean publishScheduled;
    private GetStatusResponse lastChangeKey;
    private UnaryOperator<GetStatusResponse> decorator = UnaryOperator.identity();

    /** Pending counts in memory only. */
    public HealthModel(Clock clock, Duration reportInterval) {
        this(clock, reportInterval, new PendingCounts());
    }

    public HealthModel(Clock clock, Duration reportInterval, PendingCounts lastPending) {
        this.lastPending = requireNonNull(lastPending, "lastPending is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.reportInterval = requireNonNull(reportInterval, "reportInterval is null");
        if (reportInterval.isZero() || reportInterval.isNegative()) {
            throw new IllegalArgumentException("reportInterval must be positive: " + reportInterval);
        }
        this.evaluator = new MemoizedEvaluator(reportInterval);
    }

    public Clock clock() {
        return clock;
    }

    public Duration reportInterval() {
        return reportInterval;
    }

    public synchronized Optional<ClusterSpec> spec() {
        return spec;
    }

    public void specApplied(ClusterSpec applied) {
        requireNonNull(applied, "applied is null");
        synchronized (this) {
            spec = Optional.of(applied);
        }
        publishIfChanged();
    }

    /** A new connection replaces whatever the node's previous one reported. */
    public void connected(String sessionId, Hello hello, long connectedSinceMillis) {
        requireNonNull(hello, "hello is null");
        synchronized (this) {
            nodes.put(hello.getNodeName(), new NodeObservation(hello.getNodeName(), sessionId, true,
                    hello.getAgentVersion(), hello.getAddressesList(), connectedSinceMillis, connectedSinceMillis,
                    Optional.empty(), 0));
        }
        publishIfChanged();
    }

    /** Ignored when the node has connected again since: the end of a superseded stream is old news. */
    public void disconnected(String node, String sessionId) {
        synchronized (this) {
            NodeObservation current = nodes.get(node);
            if (current == null || !current.sessionId().equals(sessionId)) {
                return;
            }
            nodes.put(node, current.closed());
        }
        publishIfChanged();
    }

    /**
     * Reports arrive from every node every few seconds: with many nodes, evaluating the whole
     * cluster on each would serialize everything behind this lock. A report therefore only
     * updates its node; the cluster is evaluated at most every {@link #EVALUATION_SPACING} here,
     * and otherwise by the next {@link #tick()}.
     */
    /** The node's last report (unread parts filled in from earlier ones); empty when it has sent none yet. */
    public synchronized Optional<NodeReport> lastReport(String node) {
        NodeObservation observation = nodes.get(node);
        return observation == null ? Optional.empty() : observation.report();
    }

    /** The last pending count read for the brick (kept across restarts where a file keeps it); empty when never read. */
    public OptionalLong lastPending(String volume, String brick) {
        return lastPending.get(volume, brick);
    }

    public void reported(String node, String sessionId, NodeReport report) {
        requireNonNull(report, "report is null");
        boolean evaluateNow;
        boolean scheduleLater = false;
        synchronized (this) {
            NodeObservation current = nodes.get(node);
            if (current == null || !current.sessionId().equals(sessionId) || !current.open()) {
                return;
            }
            long now = clock.millis();
            nodes.put(node, current.reported(report, now));
            report.getHealsList().forEach(heal -> lastPending.record(heal.getVolume(), heal.getBrick(),
                    heal.getPending()));
            if (listeners.isEmpty()) {
                // Nobody to tell; status() evaluates for whoever asks.
                return;
            }
            evaluateNow = now - lastPublishMillis >= EVALUATION_SPACING.toMillis();
            if (!evaluateNow && !publishScheduled) {
                publishScheduled = true;
                scheduleLater = true;
            }
        }
        if (evaluateNow) {
            publishIfChanged();
        } else if (scheduleLater) {
            // Trailing edge: the last report of a burst is told within one spacing.
            CompletableFuture.runAsync(this::publishIfChanged, CompletableFuture.delayedExecutor(
                    EVALUATION_SPACING.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /** Any message from the node; changes only last_seen, which is not a change worth telling. */
    public synchronized void seen(String node, String sessionId) {
        NodeObservation current = nodes.get(node);
        if (current != null && current.sessionId().equals(sessionId)) {
            nodes.put(node, current.seen(clock.millis()));
        }
    }

    /**
     * The current status, at the current time. Evaluated again only as far as something changed,
     * or time alone changed it: a node crossing into STALE or DOWN, a last known value ceasing to
     * count, the whole seconds of "no report for N s" ({@link MemoizedEvaluator}).
     */
    public synchronized GetStatusResponse status() {
        return decorator.apply(evaluator.evaluate(spec, nodes.values(), clock.millis()));
    }

    /**
     * Adds what another part of the coordinator knows to every status (the Swarm labels); that
     * part calls {@link #tick()} when what it adds changes, so that listeners hear of it.
     */
    public void decorate(UnaryOperator<GetStatusResponse> decorator) {
        requireNonNull(decorator, "decorator is null");
        synchronized (this) {
            this.decorator = decorator;
        }
        publishIfChanged();
    }

    /** Tells the listeners if the status at the current time differs from the one they were last told. */
    public void tick() {
        publishIfChanged();
    }

    /** @return a handle that removes the listener again */
    public Runnable addListener(Runnable listener) {
        requireNonNull(listener, "listener is null");
        synchronized (this) {
            if (listeners.isEmpty()) {
                // Changes are told from now on: what the status is now is no news to the new listener.
                lastChangeKey = changeKey(status());
            }
            listeners.add(listener);
        }
        return () -> listeners.remove(listener);
    }

    /**
     * The part of a status that counts as a change: everything but the timestamps that move with
     * every message. A report with the same facts as the one before is no change.
     */
    public static GetStatusResponse changeKey(GetStatusResponse status) {
        GetStatusResponse.Builder key = status.toBuilder();
        for (NodeInfo.Builder node : key.getNodesBuilderList()) {
            node.clearLastSeenUnixMs().clearLastReportUnixMs();
        }
        return key.build();
    }

    private void publishIfChanged() {
        synchronized (this) {
            lastPublishMillis = clock.millis();
            publishScheduled = false;
            if (listeners.isEmpty()) {
                // Nobody to tell: evaluating now would be work for nobody. A listener added later reads status() itself.
                lastChangeKey = null;
                return;
            }
            GetStatusResponse key = changeKey(status());
            if (key.equals(lastChangeKey)) {
                return;
            }
            lastChangeKey = key;
        }
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "status listener failed", e);
            }
        }
    }
}
