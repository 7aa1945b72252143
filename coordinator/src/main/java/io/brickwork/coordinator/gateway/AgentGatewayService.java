package io.brickwork.coordinator.gateway;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.Version;
import io.brickwork.common.validation.Validation;
import io.brickwork.coordinator.security.Caller;
import io.brickwork.proto.agent.v1.AgentGatewayGrpc;
import io.brickwork.proto.agent.v1.AgentMessage;
import io.brickwork.proto.agent.v1.CoordinatorMessage;
import io.brickwork.proto.agent.v1.Hello;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.Welcome;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The coordinator's end of the agents' streams. The first message must be a Hello; after
 * that the session lives in the {@link AgentRegistry} until the stream ends or the agent
 * misses three heartbeats.
 */
public final class AgentGatewayService extends AgentGatewayGrpc.AgentGatewayImplBase {
    private static final Logger log = Logger.getLogger(AgentGatewayService.class.getName());
    private static final int MISSED_HEARTBEATS_BEFORE_DOWN = 3;

    private final AgentRegistry registry;
    private final Duration heartbeatInterval;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Duration transitGrace;
    private final boolean requireCertificate;
    private final Listener listener;
    private final AgentRequests requests;
    private ScheduledFuture<?> heartbeats;

    /**
     * Hears about every session: called on the stream's own thread, so it must not block. A
     * failing listener is logged and does not end the stream.
     */
    public interface Listener {
        Listener NONE = new Listener() { };

        /** After the welcome has been written. */
        default void connected(AgentSession session) { }

        /** Any message from the agent. */
        default void seen(AgentSession session) { }

        default void reported(AgentSession session, NodeReport report) { }

        /** Once per session, whatever ended it: the agent, a missed heartbeat, a newer stream, a revocation. */
        default void disconnected(AgentSession session) { }
    }

    /**
     * @param transitGrace time for a request and its result to travel, on top of the action's
     *     own timeout, before the coordinator stops waiting
     * @param requireCertificate whether a node certificate must back every hello (always in
     *     production; in-process tests without TLS pass false)
     */
    public AgentGatewayService(AgentRegistry registry, Duration heartbeatInterval, ScheduledExecutorService timer,
            Clock clock, Duration transitGrace, boolean requireCertificate) {
        this(registry, heartbeatInterval, timer, clock, transitGrace, requireCertificate, Listener.NONE);
    }

    public AgentGatewayService(AgentRegistry registry, Duration heartbeatInterval, ScheduledExecutorService timer,
            Clock clock, Duration transitGrace, boolean requireCertificate, Listener listener) {
        this(registry, heartbeatInterval, timer, clock, transitGrace, requireCertificate, listener, AgentRequests.NONE);
    }

    public AgentGatewayService(AgentRegistry registry, Duration heartbeatInterval, ScheduledExecutorService timer,
            Clock clock, Duration transitGrace, boolean requireCertificate, Listener listener,
            AgentRequests requests) {
        this.requests = requireNonNull(requests, "requests is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.heartbeatInterval = requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.transitGrace = requireNonNull(transitGrace, "transitGrace is null");
        this.requireCertificate = requireCertificate;
    }

    public synchronized void start() {
        if (heartbeats == null) {
            heartbeats = timer.scheduleAtFixedRate(this::heartbeatAll, heartbeatInterval.toMillis(),
                    heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public synchronized void stop() {
        if (heartbeats != null) {
            heartbeats.cancel(false);
            heartbeats = null;
        }
        for (AgentSession session : registry.sessions()) {
            registry.unregister(session);
            session.close(Status.UNAVAILABLE.withDescription("coordinator shutting down"));
        }
    }

    /** Sends a heartbeat to every agent and drops the ones that have gone silent. */
    void heartbeatAll() {
        long now = clock.millis();
        for (AgentSession session : registry.sessions()) {
            long silent = now - session.lastSeenMillis();
            if (silent > MISSED_HEARTBEATS_BEFORE_DOWN * heartbeatInterval.toMillis()) {
                log.warning(() -> session.node() + " silent for " + silent + " ms; dropping its stream");
                registry.unregister(session);
                session.close(Status.UNAVAILABLE.withDescription("no heartbeat for " + silent + " ms"));
            } else {
                session.heartbeat();
            }
        }
    }

    private static void tell(AgentSession session, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "session listener failed for " + session.node(), e);
        }
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<CoordinatorMessage> responseObserver) {
        return new Inbound((ServerCallStreamObserver<CoordinatorMessage>) responseObserver);
    }

    private final class Inbound implements StreamObserver<AgentMessage> {
        private final ServerCallStreamObserver<CoordinatorMessage> outbound;
        private volatile AgentSession session;

        private final Optional<String> remoteAddress = PeerAddressInterceptor.current();
        private final Caller caller = Caller.current();

        Inbound(ServerCallStreamObserver<CoordinatorMessage> outbound) {
            this.outbound = outbound;
            outbound.setOnCancelHandler(() -> ended("cancelled by the agent"));
        }

        @Override
        public void onNext(AgentMessage message) {
            AgentSession current = session;
            if (current == null) {
                accept(message);
                return;
            }
            current.touch();
            tell(current, () -> listener.seen(current));
            switch (message.getKindCase()) {
                case RESULT -> current.complete(message.getResult());
                case REPORT -> tell(current, () -> listener.reported(current, message.getReport()));
                case HEARTBEAT -> { }
                case QUOTA_REQUEST -> tell(current, () -> requests.quota(current, message.getQuotaRequest()));
                case HELLO -> log.warning(() -> current.node() + " sent a second hello; ignored");
                default -> log.warning(() -> current.node() + " sent an unknown message; ignored");
            }
        }

        private void accept(AgentMessage message) {
            if (!message.hasHello()) {
                outbound.onError(Status.INVALID_ARGUMENT
                        .withDescription("the first message on the stream must be a Hello").asRuntimeException());
                return;
            }
            String node = message.getHello().getNodeName();
            Optional<String> problem = Validation.hostnameProblem(node);
            if (problem.isPresent()) {
                outbound.onError(Status.INVALID_ARGUMENT
                        .withDescription("node name '" + node + "' " + problem.get()).asRuntimeException());
                return;
            }
            Optional<String> certified = caller.nodeName();
            if (certified.isEmpty() && requireCertificate) {
                outbound.onError(Status.UNAUTHENTICATED.withDescription("a node certificate is required")
                        .asRuntimeException());
                return;
            }
            if (certified.isPresent() && !certified.get().equalsIgnoreCase(node)) {
                log.warning(() -> "refused hello: certificate of " + certified.get() + " (" + caller.describe()
                        + ") claims to be node " + node);
                outbound.onError(Status.PERMISSION_DENIED.withDescription("this certificate belongs to node "
                        + certified.get() + ", not " + node).asRuntimeException());
                return;
            }
            Hello hello = message.getHello().toBuilder().clearAddresses()
                    .addAllAddresses(ReportedAddresses.usable(message.getHello().getAddressesList())).build();
            if (hello.getAddressesCount() != message.getHello().getAddressesCount()) {
                log.warning(() -> node + " reported " + message.getHello().getAddressesCount()
                        + " addresses; kept the " + hello.getAddressesCount() + " that are IP literals");
            }
            AgentSession created = new AgentSession(UUID.randomUUID().toString(), hello, remoteAddress,
                    outbound, clock, timer, transitGrace,
                    closed -> tell(closed, () -> listener.disconnected(closed)));
            session = created;
            registry.register(created);
            created.write(CoordinatorMessage.newBuilder()
                    .setWelcome(Welcome.newBuilder()
                            .setCoordinatorVersion(Version.current())
                            .setHeartbeatIntervalMs((int) heartbeatInterval.toMillis())
                            .setSessionId(created.sessionId()))
                    .build());
            tell(created, () -> listener.connected(created));
            log.info(() -> "agent connected: " + node + " from " + remoteAddress.orElse("?") + ", reports "
                    + hello.getAddressesList() + " version " + hello.getAgentVersion());
        }

        @Override
        public void onError(Throwable t) {
            ended("stream error: " + Status.fromThrowable(t).getCode());
        }

        @Override
        public void onCompleted() {
            ended("agent closed the stream");
            try {
                outbound.onCompleted();
            } catch (RuntimeException e) {
                // Already closed.
            }
        }

        private void ended(String reason) {
            AgentSession current = session;
            if (current != null) {
                registry.unregister(current);
                current.close(null);
                log.info(() -> "agent disconnected: " + current.node() + " (" + reason + ")");
            }
        }
    }
}
