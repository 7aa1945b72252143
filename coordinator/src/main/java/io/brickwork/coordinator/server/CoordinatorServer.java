package io.brickwork.coordinator.server;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.net.HostPort;
import io.brickwork.coordinator.api.CoordinatorService;
import io.brickwork.coordinator.gateway.AgentGatewayService;
import io.brickwork.coordinator.gateway.PeerAddressInterceptor;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** The gRPC server: agent gateway, public API, health and reflection on one port. */
public final class CoordinatorServer {
    private static final Logger log = Logger.getLogger(CoordinatorServer.class.getName());

    private final HostPort listen;
    private final ServerCredentials credentials;
    private final AgentGatewayService gateway;
    private final CoordinatorService api;
    private final HealthStatusManager health = new HealthStatusManager();
    private Server server;

    public CoordinatorServer(HostPort listen, ServerCredentials credentials, AgentGatewayService gateway,
            CoordinatorService api) {
        this.listen = requireNonNull(listen, "listen is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.api = requireNonNull(api, "api is null");
    }

    public synchronized void start() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(listen.host(), listen.port()), credentials)
                    .addService(ServerInterceptors.intercept(gateway, new PeerAddressInterceptor()))
                    .addService(api)
                    .addService(health.getHealthService())
                    .addService(ProtoReflectionServiceV1.newInstance())
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + listen.target() + ": " + e.getMessage(), e);
        }
        gateway.start();
        health.setStatus("", ServingStatus.SERVING);
        log.info(() -> "coordinator listening on " + listen.target());
    }

    public int port() {
        return server.getPort();
    }

    /** Graceful: stop taking calls, let running ones finish briefly, then cut them. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        health.enterTerminalState();
        gateway.stop();
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }
}
