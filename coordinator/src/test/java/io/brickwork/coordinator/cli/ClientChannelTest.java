package io.brickwork.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client command's connection works over both transports and leaves no thread behind once closed. */
class ClientChannelTest {
    @TempDir
    Path dir;

    /** Named, so the server's own transport thread is told apart from the client's. */
    private final EpollEventLoopGroup serverLoop = new EpollEventLoopGroup(1, new DefaultThreadFactory("test-server", true));
    private Server server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        serverLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }

    @Test
    void overTheUnixSocketAnswersAndClosesItsTransportThread() throws Exception {
        String socket = dir.resolve("coordinator.sock").toString();
        server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket), InsecureServerCredentials.create())
                .channelType(EpollServerDomainSocketChannel.class)
                .bossEventLoopGroup(serverLoop)
                .workerEventLoopGroup(serverLoop)
                .addService(new HealthStatusManager().getHealthService())
                .build()
                .start();
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        ClientChannel connection = ClientChannel.unix(socket, InsecureChannelCredentials.create());
        assertServing(connection);
        assertFalse(clientThreadsInNative(before).isEmpty(), "while open, the connection's transport thread waits in epoll");
        connection.close();

        assertTrue(connection.isTerminated(), "channel and transport thread stopped");
        assertEquals(Set.of(), clientThreadsInNativeOnceExited(before),
                "no thread of the connection is left in native code");
    }

    @Test
    void overTcpAnswersAndClosesItsTransportThread() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create())
                .addService(new HealthStatusManager().getHealthService())
                .build()
                .start();

        ClientChannel connection = ClientChannel.tcp("127.0.0.1:" + server.getPort(),
                InsecureChannelCredentials.create(), ClientOptions.COORDINATOR_AUTHORITY);
        assertServing(connection);
        connection.close();

        assertTrue(connection.isTerminated(), "channel and transport thread stopped");
    }

    private static void assertServing(ClientChannel connection) {
        assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(connection.channel())
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance())
                .getStatus());
    }

    /**
     * Threads started since {@code before}, other than the server's, that are RUNNABLE: what a
     * thread blocked in a native call (epoll_wait) shows as, and what the JVM waits for at exit.
     * Parked pool threads are WAITING and cost nothing there.
     */
    /**
     * The event loop reports itself terminated just before its thread returns: a thread still
     * running is given a moment to end; one that stays is left behind.
     */
    private static Set<String> clientThreadsInNativeOnceExited(Set<Thread> before) throws InterruptedException {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(thread) && !thread.getName().startsWith("test-server")
                    && thread.getState() == Thread.State.RUNNABLE) {
                thread.join(2000);
            }
        }
        return clientThreadsInNative(before);
    }

    private static Set<String> clientThreadsInNative(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && !thread.getName().startsWith("test-server"))
                .filter(thread -> thread.getState() == Thread.State.RUNNABLE)
                .map(thread -> thread.getName() + "#" + thread.getId())
                .collect(Collectors.toSet());
    }
}
