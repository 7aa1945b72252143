package io.brickwork.agent.gateway;

import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.AgentGatewayGrpc;
import io.brickwork.proto.agent.v1.AgentMessage;
import io.brickwork.proto.agent.v1.CoordinatorMessage;
import io.brickwork.proto.agent.v1.Hello;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.WatchList;
import io.brickwork.proto.agent.v1.Welcome;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's side of the protocol, scripted by the test: it welcomes every hello
 * (unless told to stay silent), records hellos, results and reports, and can send actions and
 * watch lists or cut the
 * current stream.
 */
final class FakeCoordinator extends AgentGatewayGrpc.AgentGatewayImplBase {
    final List<Hello> hellos = new CopyOnWriteArrayList<>();
    final BlockingQueue<ActionResult> results = new LinkedBlockingQueue<>();
    final BlockingQueue<NodeReport> reports = new LinkedBlockingQueue<>();
    final java.util.concurrent.atomic.AtomicInteger heartbeats = new java.util.concurrent.atomic.AtomicInteger();
    private final BlockingQueue<StreamObserver<CoordinatorMessage>> streams = new LinkedBlockingQueue<>();
    private volatile StreamObserver<CoordinatorMessage> current;
    volatile boolean welcome = true;

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<CoordinatorMessage> responses) {
        return new StreamObserver<>() {
            @Override
            public void onNext(AgentMessage message) {
                if (message.hasHello()) {
                    hellos.add(message.getHello());
                    current = responses;
                    if (welcome) {
                        responses.onNext(CoordinatorMessage.newBuilder()
                                .setWelcome(Welcome.newBuilder().setSessionId("s" + hellos.size()).setHeartbeatIntervalMs(100))
                                .build());
                    }
                    streams.add(responses);
                } else if (message.hasResult()) {
                    results.add(message.getResult());
                } else if (message.hasReport()) {
                    reports.add(message.getReport());
                } else if (message.hasHeartbeat()) {
                    heartbeats.incrementAndGet();
                }
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {
                responses.onCompleted();
            }
        };
    }

    /** Waits for the n-th hello (1-based). */
    boolean awaitHellos(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (hellos.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return hellos.size() >= n;
    }

    synchronized void send(ActionRequest request) {
        current.onNext(CoordinatorMessage.newBuilder().setAction(request).build());
    }

    synchronized void send(WatchList watch) {
        current.onNext(CoordinatorMessage.newBuilder().setWatch(watch).build());
    }

    NodeReport awaitReport() throws InterruptedException {
        return reports.poll(5, TimeUnit.SECONDS);
    }

    synchronized void cut() {
        current.onError(Status.UNAVAILABLE.withDescription("test cut the stream").asRuntimeException());
    }

    ActionResult awaitResult() throws InterruptedException {
        return results.poll(5, TimeUnit.SECONDS);
    }
}
