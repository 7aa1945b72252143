package io.brickwork.coordinator.server;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.common.concurrent.DaemonThreads;
import io.brickwork.coordinator.api.CoordinatorService;
import io.brickwork.coordinator.apply.StepThreads;
import io.brickwork.coordinator.gateway.AgentGatewayService;
import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.metrics.MetricsServer;
import io.brickwork.coordinator.security.AdminService;
import io.brickwork.coordinator.security.ApiAuditInterceptor;
import io.brickwork.coordinator.security.ClusterCa;
import io.brickwork.coordinator.security.EnrollmentService;
import io.brickwork.coordinator.security.RevokedNodes;
import io.brickwork.coordinator.swarm.StorageLabeler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The doors (gRPC servers on the given transport), the shared clock and timer, and the
 * {@link Lifecycle} that starts every feature in order. Only binds.
 */
public final class ServerModule extends AbstractModule {
    /** Nodes go stale with no message at all: look again this often so that watchers hear of it. */
    private static final Duration STATUS_TICK = Duration.ofSeconds(1);
    /** Hourly: a renewal is due with a third of a certificate's life (months) left, so an hour is early enough. */
    private static final Duration SERVER_CERTIFICATE_CHECK = Duration.ofHours(1);

    private final ServerSettings settings;
    private final ServerTransport transport;

    public ServerModule(ServerSettings settings, ServerTransport transport) {
        this.settings = requireNonNull(settings, "settings is null");
        this.transport = requireNonNull(transport, "transport is null");
    }

    @Override
    protected void configure() {
        bind(ServerSettings.class).toInstance(settings);
        bind(ServerTransport.class).toInstance(transport);
        bind(Clock.class).toInstance(Clock.systemUTC());
    }

    /**
     * Heartbeats, action deadlines, status ticks. Its threads start with the first task; the
     * lifecycle shuts it down, dropping deadlines nobody waits for any more.
     */
    @Provides
    @Singleton
    ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(2, DaemonThreads.named("coordinator-timer"));
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    @Provides
    @Singleton
    CoordinatorServer server(ClusterCa ca, AgentGatewayService gateway, CoordinatorService api, AdminService admin,
            EnrollmentService enrollment, RevokedNodes revoked, ApiAuditInterceptor audit) {
        return new CoordinatorServer(transport, ca::serverCredentials, gateway, api, admin, enrollment, revoked, audit);
    }

    @Provides
    @Singleton
    Lifecycle lifecycle(ClusterCa ca, RevokedNodes revoked, CoordinatorService api, MetricsServer metrics,
            CoordinatorServer server, AgentGatewayService gateway, HealthModel health,
            Optional<StorageLabeler> labeler, ScheduledExecutorService timer, @StepThreads ExecutorService steps) {
        Runnable nothing = () -> { };
        return new Lifecycle(List.of(
                // First: an insecure state directory stops the start before anything is served.
                new Lifecycle.Service("cluster CA", ca::start, nothing),
                new Lifecycle.Service("revoked nodes", revoked::load, nothing),
                // Status compares against the spec applied before a restart until the next apply.
                new Lifecycle.Service("applied spec", api::start, nothing),
                // Before the gRPC doors: a taken metrics port fails the start with no door open yet.
                new Lifecycle.Service("metrics endpoint", metrics::start, metrics::stop),
                new Lifecycle.Service("gRPC doors", server::start, server::stop),
                new Lifecycle.Service("agent heartbeats", gateway::start, gateway::stop),
                Lifecycle.Service.every("status ticks", STATUS_TICK, timer, health::tick),
                Lifecycle.Service.every("server certificate renewal", SERVER_CERTIFICATE_CHECK, timer,
                        ca::renewServerCertificateIfDue),
                new Lifecycle.Service("swarm labels", () -> labeler.ifPresent(StorageLabeler::start),
                        () -> labeler.ifPresent(StorageLabeler::stop))),
                List.of(timer, steps));
    }
}
