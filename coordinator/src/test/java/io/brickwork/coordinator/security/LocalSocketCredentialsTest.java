package io.brickwork.coordinator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.common.grpc.GrpcCleanupExtension;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LocalSocketCredentialsTest {
    @RegisterExtension
    final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

    @TempDir
    Path dir;

    @Test
    void localCallerIsKnownByTheUidAndPidTheKernelReportsNotByAssumption() throws Exception {
        CompletableFuture<Caller> caller = new CompletableFuture<>();
        CompletableFuture<Attributes> attributes = new CompletableFuture<>();
        ServerInterceptor capture = new ServerInterceptor() {
            @Override
            public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call,
                    io.grpc.Metadata headers, io.grpc.ServerCallHandler<Q, R> next) {
                caller.complete(Caller.current());
                attributes.complete(call.getAttributes());
                return next.startCall(call, headers);
            }
        };
        EpollEventLoopGroup loop = new EpollEventLoopGroup(1);
        Path socket = dir.resolve("admin.sock");
        // Not left to the cleanup extension: the server must be down before its event loop is.
        Server server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()),
                        LocalSocketCredentials.create())
                .channelType(EpollServerDomainSocketChannel.class)
                .bossEventLoopGroup(loop)
                .workerEventLoopGroup(loop)
                .addService(ServerInterceptors.intercept(new HealthStatusManager().getHealthService(), capture))
                .intercept(new AuthInterceptor(new RevokedNodes(dir.resolve("revoked.pb"), Clock.systemUTC()), true))
                .build()
                .start();
        try {

            HealthGrpc.newBlockingStub(grpc.register(Grpc.newChannelBuilder("unix://" + socket,
                            InsecureChannelCredentials.create()).build()))
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());

            int uid = (Integer) java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            assertEquals(OptionalInt.of(uid), caller.get(5, TimeUnit.SECONDS).peerUid());
            assertEquals("unix:uid=" + uid, caller.get().describe());
            assertEquals((int) ProcessHandle.current().pid(), attributes.get().get(LocalSocketCredentials.PEER_PID));
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }
}
