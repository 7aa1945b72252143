package io.brickwork.agent.gateway;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.actions.ActionExecutor;
import io.brickwork.agent.report.NodeReporter;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.AgentGatewayGrpc;
import io.brickwork.proto.agent.v1.AgentMessage;
import io.brickwork.proto.agent.v1.CoordinatorMessage;
import io.brickwork.proto.agent.v1.DirectoryQuotaRequest;
import io.brickwork.proto.agent.v1.Failure;
import io.brickwork.proto.agent.v1.Heartbeat;
import io.brickwork.proto.agent.v1.Hello;
import io.brickwork.proto.agent.v1.Outcome;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the agent's one stream to the coordinator open: dial, say hello, run the actions the
 * coordinator sends, answer each with its result, heartbeat, report what the node sees while
 * welcomed, and redial with backoff whenever the stream ends or the coordinator falls silent.
 */
public final class GatewayClient {
    private static final Logger log = Logger.getLogger(GatewayClient.class.getName());
    private static final int MISSED_HEARTBEATS_BEFORE_GIVING_UP = 3;

    private final AgentGatewayGrpc.AgentGatewayStub stub;
    private final ActionExecutor executor;
    private final AgentIdentity identity;
    private final Duration heartbeatInterval;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService actionPool;
    private final Clock clock;
    private final CoordinatorIdentity coordinator;
    private final NodeReporter reporter;

    private final Object lock = new Object();
    private Stream current;
    /** The stream the reporter sends on, if any. */
    private Stream reporting;
    private boolean stopped;
    /** Quota requests sent and not answered yet, by id; failed when their stream ends. */
    private final ConcurrentMap<String, CompletableFuture<String>> quotaAnswers = new ConcurrentHashMap<>();

    public GatewayClient(Channel channel, ActionExecutor executor, NodeReporter reporter, AgentIdentity identity,
            Duration heartbeatInterval, Backoff backoff, ScheduledExecutorService scheduler, ExecutorService actionPool,
            Clock clock) {
        this.coordinator = new CoordinatorIdentity();
        this.stub = AgentGatewayGrpc.newStub(requireNonNull(channel, "channel is null")).withInterceptors(coordinator);
        this.executor = requireNonNull(executor, "executor is null");
        this.reporter = requireNonNull(reporter, "reporter is null");
        this.identity = requireNonNull(identity, "identity is null");
        this.heartbeatInterval = requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.actionPool = requireNonNull(actionPool, "actionPool is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public void start() {
        scheduler.scheduleAtFixedRate(this::tick, heartbeatInterval.toMillis(), heartbeatInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        connect();
    }

    public void stop() {
        Stream stream;
        synchronized (lock) {
            stopped = true;
            stream = current;
            current = null;
            reporting = null;
        }
        reporter.stop();
        if (stream != null) {
            stream.close("agent stopping");
        }
    }

    /** True between the coordinator's Welcome and the end of that stream. */
    public boolean connected() {
        synchronized (lock) {
            return current != null && current.welcomed;
        }
    }

    /**
     * Asks the coordinator for a hard limit on a directory of a volume this node mounts (for the
     * Docker volume plugin). Completes with the coordinator's refusal, or "" when the limit is set;
     * fails when the agent is not connected or the stream ends first. The caller bounds the wait.
     */
    public CompletableFuture<String> requestQuota(String volume, String path, long limitBytes) {
        Stream stream;
        synchronized (lock) {
            stream = current;
        }
        if (stream == null || !stream.welcomed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the agent is not connected to the"
                    + " coordinator"));
        }
        String id = UUID.randomUUID().toString();
        CompletableFuture<String> answer = new CompletableFuture<>();
        quotaAnswers.put(id, answer);
        stream.pendingQuotas.add(id);
        answer.whenComplete((error, failure) -> {
            quotaAnswers.remove(id);
            stream.pendingQuotas.remove(id);
        });
        stream.send(AgentMessage.newBuilder().setQuotaRequest(DirectoryQuotaRequest.newBuilder().setId(id)
                .setVolume(volume).setPath(path).setLimitBytes(limitBytes)).build());
        if (stream.closed()) {
            answer.completeExceptionally(new IllegalStateException("the stream to the coordinator ended"));
        }
        return answer;
    }

    private void connect() {
        Stream stream = new Stream();
        synchronized (lock) {
            if (stopped) {
                return;
            }
            current = stream;
        }
        log.info(() -> "dialing coordinator as " + identity.nodeName());
        stream.open();
    }

    private void startReporting(Stream stream) {
        synchronized (lock) {
            if (stopped || current != stream) {
                return;
            }
            reporting = stream;
        }
        reporter.start(report -> stream.send(AgentMessage.newBuilder().setReport(report).build()));
    }

    private void stopReporting(Stream ended) {
        synchronized (lock) {
            if (reporting != ended) {
                return;
            }
            reporting = null;
        }
        reporter.stop();
    }

    private void scheduleReconnect(Stream ended) {
        synchronized (lock) {
            if (stopped || current != ended) {
                return;
            }
            current = null;
        }
        Duration wait = backoff.next();
        log.info(() -> "reconnecting in " + wait.toMillis() + " ms");
        try {
            scheduler.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.fine("scheduler shut down; not reconnecting");
        }
    }

    /**
     * Heartbeat, and give up on a coordinator that has been silent for too long. The coordinator
     * counts any message as a sign of life, so a stream that carried a report or a result within
     * the interval needs no heartbeat: with reports every interval, heartbeats stop altogether.
     */
    private void tick() {
        Stream stream;
        synchronized (lock) {
            stream = current;
        }
        if (stream == null || !stream.welcomed) {
            return;
        }
        long silentMillis = clock.millis() - stream.lastReceivedMillis;
        if (silentMillis > MISSED_HEARTBEATS_BEFORE_GIVING_UP * stream.heartbeatMillis) {
            log.warning(() -> "coordinator silent for " + silentMillis + " ms; redialing");
            stream.close("coordinator silent");
            return;
        }
        if (clock.millis() - stream.lastSentMillis < stream.heartbeatMillis) {
            return;
        }
        stream.send(AgentMessage.newBuilder()
                .setHeartbeat(Heartbeat.newBuilder().setSentUnixMs(clock.millis()))
                .build());
    }

    private void runAction(Stream stream, ActionRequest request) {
        ActionResult result;
        try {
            result = executor.execute(request, coordinator.current());
        } catch (RuntimeException e) {
            // The executor promises not to throw; if it does anyway, the coordinator must still hear back.
            log.log(Level.SEVERE, "action " + request.getId() + " threw", e);
            result = ActionResult.newBuilder()
                    .setId(request.getId())
                    .setOutcome(Outcome.OUTCOME_FAILED)
                    .setSummary("internal error in the agent")
                    .setFailure(Failure.newBuilder().setMessage(String.valueOf(e)))
                    .build();
        }
        stream.send(AgentMessage.newBuilder().setResult(result).build());
    }

    /** One dial: lives from connect until the stream ends either way. */
    private final class Stream implements ClientResponseObserver<AgentMessage, CoordinatorMessage> {
        private ClientCallStreamObserver<AgentMessage> requests;
        private volatile boolean welcomed;
        private volatile long lastReceivedMillis = clock.millis();
        /** When anything (the hello included) last went out on this stream. */
        private volatile long lastSentMillis;
        private volatile long heartbeatMillis = heartbeatInterval.toMillis();
        private boolean closed;
        /** Ids of the quota requests sent on this stream. */
        private final Set<String> pendingQuotas = ConcurrentHashMap.newKeySet();

        @Override
        public void beforeStart(ClientCallStreamObserver<AgentMessage> requestStream) {
            this.requests = requestStream;
        }

        @Override
        public void onNext(CoordinatorMessage message) {
            lastReceivedMillis = clock.millis();
            switch (message.getKindCase()) {
                case WELCOME -> {
                    if (message.getWelcome().getHeartbeatIntervalMs() > 0) {
                        heartbeatMillis = message.getWelcome().getHeartbeatIntervalMs();
                    }
                    welcomed = true;
                    backoff.reset();
                    log.info(() -> "connected to coordinator, session " + message.getWelcome().getSessionId());
                    startReporting(this);
                }
                case WATCH -> reporter.watch(message.getWatch());
                case QUOTA_ANSWER -> {
                    CompletableFuture<String> answer = quotaAnswers.get(message.getQuotaAnswer().getId());
                    if (answer != null) {
                        answer.complete(message.getQuotaAnswer().getError());
                    }
                }
                case HEARTBEAT -> { }
                case ACTION -> {
                    ActionRequest request = message.getAction();
                    try {
                        actionPool.execute(() -> runAction(this, request));
                    } catch (RejectedExecutionException e) {
                        send(AgentMessage.newBuilder().setResult(ActionResult.newBuilder()
                                .setId(request.getId())
                                .setOutcome(Outcome.OUTCOME_FAILED)
                                .setSummary("agent is shutting down"))
                                .build());
                    }
                }
                default -> log.warning(() -> "ignoring unknown message from coordinator: " + message.getKindCase());
            }
        }

        @Override
        public void onError(Throwable t) {
            Status status = Status.fromThrowable(t);
            log.warning(() -> "stream to coordinator ended: " + status.getCode() + " " + status.getDescription());
            markClosed();
            stopReporting(this);
            scheduleReconnect(this);
        }

        @Override
        public void onCompleted() {
            log.info("coordinator closed the stream");
            markClosed();
            stopReporting(this);
            synchronized (this) {
                requests.onCompleted();
            }
            scheduleReconnect(this);
        }

        /**
         * Dials and says hello under this stream's lock, so a {@link #close} from another thread (the
         * agent stopping while a redial is under way) waits for the call to start: a gRPC call must
         * not be cancelled and started at once. A close that came first wins, and nothing is dialled.
         */
        synchronized void open() {
            if (closed) {
                return;
            }
            stub.connect(this);
            send(AgentMessage.newBuilder()
                    .setHello(Hello.newBuilder()
                            .setNodeName(identity.nodeName())
                            .setAgentVersion(identity.version())
                            .setHostname(identity.hostname())
                            .addAllAddresses(identity.addresses()))
                    .build());
        }

        private void markClosed() {
            synchronized (this) {
                closed = true;
            }
            for (String id : pendingQuotas) {
                CompletableFuture<String> answer = quotaAnswers.get(id);
                if (answer != null) {
                    answer.completeExceptionally(new IllegalStateException("the stream to the coordinator ended"));
                }
            }
        }

        synchronized boolean closed() {
            return closed;
        }

        /**
         * StreamObserver is not thread-safe: actions finish on pool threads, heartbeats on the scheduler,
         * reports on the reporter's thread.
         */
        synchronized void send(AgentMessage message) {
            if (closed) {
                return;
            }
            try {
                requests.onNext(message);
                lastSentMillis = clock.millis();
            } catch (RuntimeException e) {
                log.log(Level.FINE, "send failed; the stream is ending", e);
            }
        }

        synchronized void close(String reason) {
            if (closed) {
                return;
            }
            if (requests == null) { // closed before it was dialled
                closed = true;
                return;
            }
            requests.cancel(reason, null);
        }
    }
}
