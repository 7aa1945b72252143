package io.brickwork.coordinator.server;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.security.Csr;
import io.brickwork.coordinator.api.CoordinatorService;
import io.brickwork.coordinator.gateway.AgentGatewayService;
import io.brickwork.coordinator.gateway.PeerAddressInterceptor;
import io.brickwork.coordinator.security.AdminService;
import io.brickwork.coordinator.security.ApiAuditInterceptor;
import io.brickwork.coordinator.security.AuthInterceptor;
import io.brickwork.coordinator.security.EnrollmentService;
import io.brickwork.coordinator.security.RevokedNodes;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Two doors to one coordinator: the network door (mutual TLS; agents and remote admins) and,
 * where the transport has one, the root-only local door (local admins). The agent gateway and
 * enrollment are only at the network door.
 */
public final class CoordinatorServer {
    /** A join or renewal carries a token, a name and a CSR: the CSR limit with room for the rest. */
    public static final int ENROLLMENT_MAX_REQUEST_BYTES = Csr.MAX_BYTES + 4 * 1024;
    private static final Logger log = Logger.getLogger(CoordinatorServer.class.getName());

    private final ServerTransport transport;
    private final Supplier<ServerCredentials> credentials;
    private final AgentGatewayService gateway;
    private final CoordinatorService api;
    private final AdminService admin;
    private final EnrollmentService enrollment;
    private final RevokedNodes revoked;
    private final ApiAuditInterceptor audit;
    private final HealthStatusManager health = new HealthStatusManager();
    private Server network;
    private Server local;
    private Optional<ServerTransport.LocalDoor> localDoor = Optional.empty();

    /**
     * @param credentials the coordinator's TLS, asked for at start: they come from the cluster
     *     CA, which is loaded only when the coordinator starts
     */
    public CoordinatorServer(ServerTransport transport, Supplier<ServerCredentials> credentials,
            AgentGatewayService gateway, CoordinatorService api, AdminService admin, EnrollmentService enrollment,
            RevokedNodes revoked, ApiAuditInterceptor audit) {
        this.transport = requireNonNull(transport, "transport is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.api = requireNonNull(api, "api is null");
        this.admin = requireNonNull(admin, "admin is null");
        this.enrollment = requireNonNull(enrollment, "enrollment is null");
        this.revoked = requireNonNull(revoked, "revoked is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    public synchronized void start() {
        ServerBuilder<?> networkBuilder = transport.network(credentials.get())
                .addService(ServerInterceptors.intercept(gateway, new PeerAddressInterceptor()))
                .addService(RequestSizeLimit.limit(enrollment, ENROLLMENT_MAX_REQUEST_BYTES))
                .addService(ServerInterceptors.intercept(api, audit))
                .addService(ServerInterceptors.intercept(admin, audit))
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance());
        if (transport.provesCallers()) {
            networkBuilder.intercept(new AuthInterceptor(revoked, false));
        }
        try {
            network = networkBuilder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + transport.describe() + ": " + e.getMessage(), e);
        }
        localDoor = transport.local();
        localDoor.ifPresent(this::startLocal);
        health.setStatus("", ServingStatus.SERVING);
        log.info(() -> "coordinator listening on " + transport.describe()
                + (transport.provesCallers() ? " (mutual TLS)" : "")
                + localDoor.map(door -> " and " + door.describe()).orElse(""));
    }

    private void startLocal(ServerTransport.LocalDoor door) {
        try {
            local = door.open()
                    .addService(ServerInterceptors.intercept(api, audit))
                    .addService(ServerInterceptors.intercept(admin, audit))
                    .addService(health.getHealthService())
                    .addService(ProtoReflectionServiceV1.newInstance())
                    .intercept(new AuthInterceptor(revoked, true))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the admin socket " + door.describe() + ": " + e.getMessage(), e);
        }
        door.opened();
    }

    /** The network door's port (-1 for a door that has none). */
    public synchronized int port() {
        return network.getPort();
    }

    /** Graceful: stop taking calls, let running ones finish briefly, then cut them. */
    public synchronized void stop() {
        health.enterTerminalState();
        for (Server server : new Server[] {network, local}) {
            if (server != null) {
                shutdown(server);
            }
        }
        network = null;
        local = null;
        localDoor.ifPresent(ServerTransport.LocalDoor::closed);
        localDoor = Optional.empty();
    }

    private static void shutdown(Server server) {
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
}
