package io.brickwork.coordinator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.brickwork.coordinator.server.DoorLimits;
import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.Results;
import io.brickwork.proto.agent.v1.EnrollmentGrpc;
import io.brickwork.proto.agent.v1.JoinRequest;
import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.ListNodesRequest;
import io.brickwork.proto.coordinator.v1.WatchStatusRequest;
import io.grpc.ConnectivityState;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The limits of the TLS door, on the production coordinator over real Netty. */
class NetworkDoorLimitsTest {
    /** The real limits but short enough to wait out in a test. */
    private static final DoorLimits SHORT = new DoorLimits(Duration.ofMillis(500), Duration.ofMillis(500), 2,
            Duration.ofMinutes(1), Duration.ofSeconds(20), Duration.ofSeconds(20), 4 * 1024 * 1024);

    @RegisterExtension
    final TlsCoordinator coordinator = new TlsCoordinator();

    @Test
    void anAnonymousCallerCannotMakeTheCoordinatorParseAHugeEnrollmentRequest() {
        String token = coordinator.token(1);
        JoinRequest huge = JoinRequest.newBuilder().setToken(token).setNodeName("node1")
                .setCsrDer(ByteString.copyFrom(new byte[1024 * 1024])).build();

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> EnrollmentGrpc
                .newBlockingStub(coordinator.anonymous()).withDeadlineAfter(10, TimeUnit.SECONDS).join(huge));

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.getStatus().toString());
        coordinator.join(token, "node1");
    }

    @Test
    void aConnectionThatNeverStartsTlsIsClosedAfterTheHandshakeTimeout() throws IOException {
        coordinator.restart(SHORT);

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), coordinator.port())) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            long start = System.nanoTime();

            assertEquals(-1, in.read());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Test
    void anIdleConnectionIsClosedButAnAgentSessionIsNot() throws InterruptedException {
        coordinator.restart(SHORT);
        TlsCoordinator.Credentials node = coordinator.join(coordinator.token(1), "node1");
        FakeAgent agent = new FakeAgent(coordinator.tls(node), "node1", "10.0.0.1", Results.inSync()).connect();
        assertTrue(agent.awaitWelcome());
        ManagedChannel admin = coordinator.tls(coordinator.admin("alice"));
        CoordinatorGrpc.newBlockingStub(admin).withDeadlineAfter(10, TimeUnit.SECONDS)
                .listNodes(ListNodesRequest.getDefaultInstance());
        assertEquals(ConnectivityState.READY, admin.getState(false));

        Thread.sleep(2_000);

        assertEquals(ConnectivityState.IDLE, admin.getState(false));
        assertNull(agent.endStatus(), "the agent's session was cut");
    }

    @Test
    void oneConnectionCannotOpenMoreCallsThanTheLimit() {
        coordinator.restart(SHORT);
        TlsCoordinator.Credentials alice = coordinator.admin("alice");
        ManagedChannel channel = coordinator.tls(alice);
        // Connected first, so the client knows the door's stream limit before it opens streams.
        CoordinatorGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .listNodes(ListNodesRequest.getDefaultInstance());
        Context.CancellableContext watches = Context.current().withCancellation();
        watches.run(() -> {
            for (int i = 0; i < SHORT.maxConcurrentCallsPerConnection(); i++) {
                CoordinatorGrpc.newStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .watchStatus(WatchStatusRequest.getDefaultInstance(), new Ignored());
            }
        });

        StatusRuntimeException e;
        try {
            e = assertThrows(StatusRuntimeException.class, () -> CoordinatorGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(1, TimeUnit.SECONDS).listNodes(ListNodesRequest.getDefaultInstance()));
        } finally {
            watches.cancel(null);
        }

        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
        CoordinatorGrpc.newBlockingStub(coordinator.tls(alice)).withDeadlineAfter(10, TimeUnit.SECONDS)
                .listNodes(ListNodesRequest.getDefaultInstance());
    }

    private static final class Ignored implements StreamObserver<GetStatusResponse> {
        @Override
        public void onNext(GetStatusResponse value) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
    }
}
