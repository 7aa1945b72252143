package io.brickwork.coordinator.testing;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.AgentGatewayGrpc;
import io.brickwork.proto.agent.v1.AgentMessage;
import io.brickwork.proto.agent.v1.CoordinatorMessage;
import io.brickwork.proto.agent.v1.Hello;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.WatchList;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An agent that speaks the real protocol but runs nothing: it records every action request in
 * order and answers with what the test's behaviour returns (empty = never answer).
 */
public final class FakeAgent implements ClientResponseObserver<AgentMessage, CoordinatorMessage> {
    private final Channel channel;
    private final Hello hello;
    private final Function<ActionRequest, Optional<ActionResult>> behaviour;
    private final List<ActionRequest> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch welcomed = new CountDownLatch(1);
    private final List<String> kinds = new CopyOnWriteArrayList<>();
    private final BlockingQueue<WatchList> watchLists = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Status endStatus;
    private ClientCallStreamObserver<AgentMessage> requests;

    public FakeAgent(Channel channel, String node, String address,
            Function<ActionRequest, Optional<ActionResult>> behaviour) {
        this.channel = requireNonNull(channel, "channel is null");
        this.hello = Hello.newBuilder().setNodeName(node).setAgentVersion("test").addAddresses(address).build();
        this.behaviour = requireNonNull(behaviour, "behaviour is null");
    }

    public FakeAgent connect() {
        AgentGatewayGrpc.newStub(channel).connect(this);
        send(AgentMessage.newBuilder().setHello(hello).build());
        return this;
    }

    public boolean awaitWelcome() throws InterruptedException {
        return welcomed.await(5, TimeUnit.SECONDS);
    }

    public boolean awaitEnd() throws InterruptedException {
        return ended.await(5, TimeUnit.SECONDS);
    }

    public Status endStatus() {
        return endStatus;
    }

    public List<ActionRequest> received() {
        return List.copyOf(received);
    }

    /** The kinds of every coordinator message, in the order they arrived: "WELCOME", "WATCH", ... */
    public List<String> kinds() {
        return List.copyOf(kinds);
    }

    /** The next watch list the coordinator sent, waiting up to 5 s; null if none came. */
    public WatchList awaitWatchList() throws InterruptedException {
        return watchLists.poll(5, TimeUnit.SECONDS);
    }

    /** Sends a report as the real agent would, every interval and on change. */
    public void report(NodeReport report) {
        send(AgentMessage.newBuilder().setReport(report).build());
    }

    public void disconnect() {
        requests.cancel("test disconnects", null);
    }

    public synchronized void send(AgentMessage message) {
        requests.onNext(message);
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<AgentMessage> requestStream) {
        this.requests = requestStream;
    }

    @Override
    public void onNext(CoordinatorMessage message) {
        kinds.add(message.getKindCase().name());
        switch (message.getKindCase()) {
            case WELCOME -> welcomed.countDown();
            case WATCH -> watchLists.add(message.getWatch());
            case ACTION -> {
                received.add(message.getAction());
                behaviour.apply(message.getAction())
                        .ifPresent(result -> send(AgentMessage.newBuilder()
                                .setResult(result.toBuilder().setId(message.getAction().getId()))
                                .build()));
            }
            default -> { }
        }
    }

    @Override
    public void onError(Throwable t) {
        endStatus = Status.fromThrowable(t);
        ended.countDown();
    }

    @Override
    public void onCompleted() {
        endStatus = Status.OK;
        ended.countDown();
    }
}
