package io.brickwork.coordinator.gateway;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.DirectoryQuotaAnswer;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.CoordinatorMessage;
import io.brickwork.proto.agent.v1.Heartbeat;
import io.brickwork.proto.agent.v1.Hello;
import io.brickwork.proto.agent.v1.WatchList;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connected agent: its hello, when it was last heard from, and the actions sent to it
 * that have not been answered yet. Every pending action completes exactly once: with the
 * agent's result, with a timeout, or with the stream's end.
 */
public final class AgentSession {
    private final String sessionId;
    private final Hello hello;
    private final Optional<String> remoteAddress;
    private final StreamObserver<CoordinatorMessage> outbound;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Duration transitGrace;
    private final long connectedSinceMillis;
    private final Consumer<AgentSession> onClose;
    private final Map<String, CompletableFuture<ActionResult>> pending = new ConcurrentHashMap<>();
    private volatile long lastSeenMillis;
    private boolean closed;
    /** The watch list last written to this stream; guarded by this. */
    private WatchList watching;

    AgentSession(String sessionId, Hello hello, Optional<String> remoteAddress, StreamObserver<CoordinatorMessage> outbound, Clock clock,
            ScheduledExecutorService timer, Duration transitGrace) {
        this(sessionId, hello, remoteAddress, outbound, clock, timer, transitGrace, session -> { });
    }

    /** @param onClose called once when the session closes, whatever closed it */
    AgentSession(String sessionId, Hello hello, Optional<String> remoteAddress, StreamObserver<CoordinatorMessage> outbound,
            Clock clock, ScheduledExecutorService timer, Duration transitGrace, Consumer<AgentSession> onClose) {
        this.onClose = requireNonNull(onClose, "onClose is null");
        this.sessionId = requireNonNull(sessionId, "sessionId is null");
        this.hello = requireNonNull(hello, "hello is null");
        this.remoteAddress = requireNonNull(remoteAddress, "remoteAddress is null");
        this.outbound = requireNonNull(outbound, "outbound is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.transitGrace = requireNonNull(transitGrace, "transitGrace is null");
        this.connectedSinceMillis = clock.millis();
        this.lastSeenMillis = connectedSinceMillis;
    }

    public String node() {
        return hello.getNodeName();
    }

    public String sessionId() {
        return sessionId;
    }

    public Hello hello() {
        return hello;
    }

    /**
     * The address peers should use for this node: the one its stream arrives from, unless that
     * is loopback (an agent on the coordinator's own machine dialing localhost); then the first
     * address the agent reported.
     */
    public Optional<String> preferredAddress() {
        Optional<String> observed = remoteAddress.filter(address -> !isLoopback(address));
        if (observed.isPresent()) {
            return observed;
        }
        return hello.getAddressesList().stream().findFirst();
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
    }

    public long connectedSinceMillis() {
        return connectedSinceMillis;
    }

    public long lastSeenMillis() {
        return lastSeenMillis;
    }

    void touch() {
        lastSeenMillis = clock.millis();
    }

    public synchronized boolean isOpen() {
        return !closed;
    }

    /** Sends the action; the future fails with {@link NodeUnavailableException} or {@link ActionTimeoutException}. */
    public CompletableFuture<ActionResult> send(ActionRequest request) {
        CompletableFuture<ActionResult> result = new CompletableFuture<>();
        if (pending.putIfAbsent(request.getId(), result) != null) {
            throw new IllegalArgumentException("duplicate action id " + request.getId());
        }
        long waitMillis = request.getTimeoutMs() + transitGrace.toMillis();
        timer.schedule(() -> {
            if (pending.remove(request.getId(), result)) {
                result.completeExceptionally(new ActionTimeoutException(
                        node() + " did not answer within " + waitMillis + " ms"));
            }
        }, waitMillis, TimeUnit.MILLISECONDS);
        if (!write(CoordinatorMessage.newBuilder().setAction(request).build())) {
            pending.remove(request.getId(), result);
            result.completeExceptionally(new NodeUnavailableException(node(), node() + " is not connected"));
        }
        return result;
    }

    /**
     * Replaces what the agent watches. A list equal to the one this stream already carried is
     * not sent again: the agent answers every watch list with a full report (every gluster read
     * on every node at once), which a re-apply that changed nothing must not cost.
     *
     * @return false when the stream is already closed
     */
    public synchronized boolean watch(WatchList watchList) {
        requireNonNull(watchList, "watchList is null");
        if (closed) {
            return false;
        }
        if (watchList.equals(watching)) {
            return true;
        }
        boolean sent = write(CoordinatorMessage.newBuilder().setWatch(watchList).build());
        if (sent) {
            watching = watchList;
        }
        return sent;
    }

    /** Answers a quota request of this agent; false when the stream is already closed. */
    public boolean answer(DirectoryQuotaAnswer answer) {
        return write(CoordinatorMessage.newBuilder().setQuotaAnswer(answer).build());
    }

    void complete(ActionResult result) {
        CompletableFuture<ActionResult> future = pending.remove(result.getId());
        if (future != null) {
            future.complete(result);
        }
    }

    void heartbeat() {
        write(CoordinatorMessage.newBuilder()
                .setHeartbeat(Heartbeat.newBuilder().setSentUnixMs(clock.millis()))
                .build());
    }

    synchronized boolean write(CoordinatorMessage message) {
        if (closed) {
            return false;
        }
        try {
            outbound.onNext(message);
            return true;
        } catch (RuntimeException e) {
            // The call was cancelled under us; the stream's own callbacks will close the session.
            return false;
        }
    }

    /** Ends the stream (if still open) and fails every pending action. */
    void close(Status status) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (status != null) {
                try {
                    outbound.onError(status.asRuntimeException());
                } catch (RuntimeException e) {
                    // Already cancelled by the peer.
                }
            }
        }
        onClose.accept(this);
        String reason = status == null ? "stream ended" : status.getDescription();
        for (String id : pending.keySet()) {
            CompletableFuture<ActionResult> future = pending.remove(id);
            if (future != null) {
                future.completeExceptionally(new NodeUnavailableException(node(),
                        node() + " disconnected while action " + id + " was running (" + reason + ")"));
            }
        }
    }
}
