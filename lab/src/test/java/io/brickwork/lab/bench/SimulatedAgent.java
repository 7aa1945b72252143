package io.brickwork.lab.bench;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.AgentGatewayGrpc;
import io.brickwork.proto.agent.v1.AgentMessage;
import io.brickwork.proto.agent.v1.CoordinatorMessage;
import io.brickwork.proto.agent.v1.Heartbeat;
import io.brickwork.proto.agent.v1.Outcome;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One agent's stream as the real agent keeps it: Hello, then after the Welcome a heartbeat every
 * heartbeat interval and a report every report interval (first one at once), each interval with
 * a little jitter so a thousand agents do not settle into lockstep. Runs no actions: one that
 * arrives is answered as failed, so the coordinator never waits on it.
 */
final class SimulatedAgent implements ClientResponseObserver<AgentMessage, CoordinatorMessage> {
    private static final long DEFAULT_REPORT_INTERVAL_MILLIS = 5000;
    private static final double JITTER = 0.05;

    /** Counts across all agents. */
    static final class Counters {
        final LongAdder reports = new LongAdder();
        final LongAdder heartbeats = new LongAdder();
        final LongAdder actions = new LongAdder();
        final LongAdder streamsEnded = new LongAdder();
        final LongAdder reportBytes = new LongAdder();
    }

    private final int index;
    private final SimulatedPool pool;
    private final ScheduledExecutorService timer;
    private final Counters counters;
    private final CountDownLatch welcomed;
    private ClientCallStreamObserver<AgentMessage> requests;
    private volatile long reportIntervalMillis = DEFAULT_REPORT_INTERVAL_MILLIS;
    private volatile long heartbeatMillis = DEFAULT_REPORT_INTERVAL_MILLIS;
    private volatile boolean open = true;
    /** Guarded by this. */
    private long lastSentMillis;
    private volatile Status endStatus;
    private ScheduledFuture<?> nextReport;
    private ScheduledFuture<?> nextHeartbeat;

    SimulatedAgent(int index, SimulatedPool pool, ScheduledExecutorService timer, Counters counters,
            CountDownLatch welcomed) {
        this.index = index;
        this.pool = requireNonNull(pool, "pool is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.counters = requireNonNull(counters, "counters is null");
        this.welcomed = requireNonNull(welcomed, "welcomed is null");
    }

    void connect(Channel channel) {
        AgentGatewayGrpc.newStub(channel).connect(this);
        send(AgentMessage.newBuilder().setHello(pool.hello(index)).build());
    }

    boolean isOpen() {
        return open;
    }

    Status endStatus() {
        return endStatus;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<AgentMessage> requestStream) {
        this.requests = requestStream;
    }

    @Override
    public void onNext(CoordinatorMessage message) {
        switch (message.getKindCase()) {
            case WELCOME -> {
                if (message.getWelcome().getHeartbeatIntervalMs() > 0) {
                    heartbeatMillis = message.getWelcome().getHeartbeatIntervalMs();
                }
                welcomed.countDown();
                report();
                scheduleHeartbeat();
            }
            case WATCH -> {
                if (message.getWatch().getReportIntervalMs() > 0) {
                    reportIntervalMillis = message.getWatch().getReportIntervalMs();
                }
            }
            case ACTION -> {
                counters.actions.increment();
                send(AgentMessage.newBuilder().setResult(ActionResult.newBuilder()
                        .setId(message.getAction().getId())
                        .setOutcome(Outcome.OUTCOME_FAILED)
                        .setSummary("simulated agent: runs no actions")).build());
            }
            default -> { }
        }
    }

    @Override
    public void onError(Throwable t) {
        ended(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
        ended(Status.OK.withDescription("coordinator completed the stream"));
    }

    /** Half-closes the stream, as an agent that stops does. */
    synchronized void stop() {
        cancelTimers();
        if (open) {
            open = false;
            try {
                requests.onCompleted();
            } catch (RuntimeException e) {
                // Already cancelled.
            }
        }
    }

    private void report() {
        AgentMessage report = AgentMessage.newBuilder().setReport(pool.report(index)).build();
        if (send(report)) {
            counters.reports.increment();
            counters.reportBytes.add(report.getSerializedSize());
        }
        synchronized (this) {
            if (open) {
                nextReport = timer.schedule(this::report, jittered(reportIntervalMillis), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** As the real agent (GatewayClient.tick): no heartbeat when the stream carried anything within the interval. */
    private void heartbeat() {
        boolean busy;
        synchronized (this) {
            busy = System.currentTimeMillis() - lastSentMillis < heartbeatMillis;
        }
        if (!busy && send(AgentMessage.newBuilder()
                .setHeartbeat(Heartbeat.newBuilder().setSentUnixMs(System.currentTimeMillis())).build())) {
            counters.heartbeats.increment();
        }
        scheduleHeartbeat();
    }

    private synchronized void scheduleHeartbeat() {
        if (open) {
            nextHeartbeat = timer.schedule(this::heartbeat, jittered(heartbeatMillis), TimeUnit.MILLISECONDS);
        }
    }

    /** StreamObserver is not thread-safe: reports, heartbeats and action answers come from different threads. */
    private synchronized boolean send(AgentMessage message) {
        if (!open) {
            return false;
        }
        try {
            requests.onNext(message);
            lastSentMillis = System.currentTimeMillis();
            return true;
        } catch (RuntimeException e) {
            // Cancelled under us; onError follows.
            return false;
        }
    }

    private synchronized void ended(Status status) {
        if (open) {
            open = false;
            endStatus = status;
            counters.streamsEnded.increment();
        }
        cancelTimers();
    }

    private synchronized void cancelTimers() {
        if (nextReport != null) {
            nextReport.cancel(false);
        }
        if (nextHeartbeat != null) {
            nextHeartbeat.cancel(false);
        }
    }

    private static long jittered(long millis) {
        long spread = (long) (millis * JITTER);
        return millis - spread + ThreadLocalRandom.current().nextLong(2 * spread + 1);
    }
}
