package io.brickwork.coordinator.server;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.net.HostPort;
import io.brickwork.coordinator.api.CoordinatorService;
import io.brickwork.coordinator.gateway.AgentGatewayService;
import io.brickwork.coordinator.gateway.PeerAddressInterceptor;
import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.metrics.MetricsServer;
import io.brickwork.coordinator.security.AdminService;
import io.brickwork.coordinator.security.ApiAuditInterceptor;
import io.brickwork.coordinator.security.AuthInterceptor;
import io.brickwork.coordinator.security.EnrollmentService;
import io.brickwork.coordinator.security.RevokedNodes;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Two doors to one coordinator: the TCP port (mutual TLS; agents and remote admins) and the
 * root-only Unix socket (local admins). The agent gateway and enrollment are only on the port.
 */
public final class CoordinatorServer {
    private static final Logger log = Logger.getLogger(CoordinatorServer.class.getName());

    private final HostPort listen;
    private final Path adminSocket;
    private final ServerCredentials credentials;
    private final AgentGatewayService gateway;
    private final CoordinatorService api;
    private final AdminService admin;
    private final EnrollmentService enrollment;
    private final RevokedNodes revoked;
    private final ApiAuditInterceptor audit;
    private final HealthModel model;
    private final MetricsServer metrics;
    private final ScheduledExecutorService timer;
    private final HealthStatusManager health = new HealthStatusManager();
    private ScheduledFuture<?> ticks;
    private Server tcp;
    private Server local;
    private EventLoopGroup localEventLoop;

    public CoordinatorServer(HostPort listen, Path adminSocket, ServerCredentials credentials,
            AgentGatewayService gateway, CoordinatorService api, AdminService admin, EnrollmentService enrollment,
            RevokedNodes revoked, ApiAuditInterceptor audit, HealthModel model, MetricsServer metrics,
            ScheduledExecutorService timer) {
        this.listen = requireNonNull(listen, "listen is null");
        this.adminSocket = requireNonNull(adminSocket, "adminSocket is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.api = requireNonNull(api, "api is null");
        this.admin = requireNonNull(admin, "admin is null");
        this.enrollment = requireNonNull(enrollment, "enrollment is null");
        this.revoked = requireNonNull(revoked, "revoked is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.model = requireNonNull(model, "model is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.timer = requireNonNull(timer, "timer is null");
    }

    public synchronized void start() {
        api.start();
        // First: a taken metrics port fails the start before any gRPC port is open.
        metrics.start();
        try {
            tcp = NettyServerBuilder.forAddress(new InetSocketAddress(listen.host(), listen.port()), credentials)
                    .addService(ServerInterceptors.intercept(gateway, new PeerAddressInterceptor()))
                    .addService(enrollment)
                    .addService(ServerInterceptors.intercept(api, audit))
                    .addService(ServerInterceptors.intercept(admin, audit))
                    .addService(health.getHealthService())
                    .addService(ProtoReflectionServiceV1.newInstance())
                    .intercept(new AuthInterceptor(revoked, false))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + listen.target() + ": " + e.getMessage(), e);
        }
        startLocal();
        gateway.start();
        // Nodes go stale with no message at all: look again every second so watchers hear of it.
        ticks = timer.scheduleAtFixedRate(model::tick, 1, 1, TimeUnit.SECONDS);
        health.setStatus("", ServingStatus.SERVING);
        log.info(() -> "coordinator listening on " + listen.target() + " (mutual TLS) and " + adminSocket);
    }

    /** The socket's directory is 0700 and the socket 0600: file permissions are the credential. */
    private void startLocal() {
        try {
            Path directory = adminSocket.getParent();
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            Files.deleteIfExists(adminSocket);
            localEventLoop = new EpollEventLoopGroup(1);
            local = NettyServerBuilder.forAddress(new DomainSocketAddress(adminSocket.toString()),
                            InsecureServerCredentials.create())
                    .channelType(EpollServerDomainSocketChannel.class)
                    .bossEventLoopGroup(localEventLoop)
                    .workerEventLoopGroup(localEventLoop)
                    .addService(ServerInterceptors.intercept(api, audit))
                    .addService(ServerInterceptors.intercept(admin, audit))
                    .addService(health.getHealthService())
                    .addService(ProtoReflectionServiceV1.newInstance())
                    .intercept(new AuthInterceptor(revoked, true))
                    .build()
                    .start();
            Files.setPosixFilePermissions(adminSocket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the admin socket " + adminSocket + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return tcp.getPort();
    }

    /** The metrics endpoint's port, when it is enabled. */
    public Optional<Integer> metricsPort() {
        return metrics.port();
    }

    /** Graceful: stop taking calls, let running ones finish briefly, then cut them. */
    public synchronized void stop() {
        if (tcp == null) {
            return;
        }
        health.enterTerminalState();
        if (ticks != null) {
            ticks.cancel(false);
        }
        gateway.stop();
        metrics.stop();
        for (Server server : new Server[] {tcp, local}) {
            if (server == null) {
                continue;
            }
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
        if (localEventLoop != null) {
            localEventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        try {
            Files.deleteIfExists(adminSocket);
        } catch (IOException e) {
            log.fine(() -> "could not remove " + adminSocket + ": " + e.getMessage());
        }
    }

    public void awaitTermination() throws InterruptedException {
        tcp.awaitTermination();
    }
}
