package io.brickwork.coordinator.server;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.common.audit.JsonLinesFile;
import io.brickwork.common.security.CertificateAuthority;
import io.brickwork.common.security.SecureFiles;
import io.brickwork.common.security.ServerKeyMaterial;
import io.brickwork.coordinator.api.CoordinatorService;
import io.brickwork.coordinator.apply.PlanRunner;
import io.brickwork.coordinator.apply.ReplicationVerifier;
import io.brickwork.coordinator.gateway.AgentGatewayService;
import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.health.GatewayFeed;
import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.health.WatchLists;
import io.brickwork.coordinator.metrics.BrickworkMetrics;
import io.brickwork.coordinator.metrics.MetricsServer;
import io.brickwork.coordinator.plan.Planner;
import io.brickwork.coordinator.security.AdminService;
import io.brickwork.coordinator.security.ApiAuditInterceptor;
import io.brickwork.coordinator.security.AuditTrail;
import io.brickwork.coordinator.security.EnrollmentService;
import io.brickwork.coordinator.security.IssuedCertificates;
import io.brickwork.coordinator.security.JoinTokens;
import io.brickwork.coordinator.security.RevokedNodes;
import io.brickwork.coordinator.security.ServerTls;
import io.brickwork.coordinator.security.SessionAudit;
import io.brickwork.coordinator.state.SpecStore;
import io.grpc.ServerCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Binds the coordinator's parts. Only binds: the servers start in {@link CoordinatorServer#start()}. */
public final class CoordinatorModule extends AbstractModule {
    private static final long AUDIT_MAX_BYTES = 10L * 1024 * 1024;
    private static final int AUDIT_KEEP = 5;

    private final CoordinatorSettings settings;

    public CoordinatorModule(CoordinatorSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    protected void configure() {
        bind(CoordinatorSettings.class).toInstance(settings);
        bind(Clock.class).toInstance(Clock.systemUTC());
    }

    @Provides
    @Singleton
    AgentRegistry registry() {
        return new AgentRegistry();
    }

    @Provides
    @Singleton
    ScheduledExecutorService timer() {
        return Executors.newScheduledThreadPool(2, daemon("coordinator-timer"));
    }

    @Provides
    @Singleton
    CertificateAuthority certificateAuthority(Clock clock) {
        SecureFiles.ensurePrivateDirectory(settings.stateDir());
        return CertificateAuthority.loadOrCreate(settings.stateDir().resolve("ca"), clock);
    }

    @Provides
    @Singleton
    ServerCredentials serverCredentials(CertificateAuthority ca) {
        ServerKeyMaterial material = ca.serverMaterial(settings.stateDir().resolve("tls"), settings.tls().dnsNames(),
                settings.tls().ipAddresses(), settings.tls().serverCertificateValidity());
        return ServerTls.credentials(material, ca.certificate());
    }

    @Provides
    @Singleton
    JoinTokens joinTokens(Clock clock) {
        return new JoinTokens(settings.stateDir().resolve("join-tokens.pb"), clock);
    }

    @Provides
    @Singleton
    RevokedNodes revokedNodes(Clock clock) {
        return new RevokedNodes(settings.stateDir().resolve("revoked-nodes.pb"), clock);
    }

    @Provides
    @Singleton
    IssuedCertificates issuedCertificates(Clock clock, RevokedNodes revoked) {
        return new IssuedCertificates(settings.stateDir().resolve("issued-certificates.pb"), clock, revoked);
    }

    @Provides
    @Singleton
    HealthModel health(Clock clock) {
        return new HealthModel(clock, settings.reportInterval());
    }

    @Provides
    @Singleton
    WatchLists watchLists(AgentRegistry registry) {
        return new WatchLists(registry, settings.reportInterval());
    }

    @Provides
    @Singleton
    BrickworkMetrics metrics(HealthModel health) {
        return new BrickworkMetrics(health);
    }

    @Provides
    @Singleton
    MetricsServer metricsServer(BrickworkMetrics metrics) {
        return new MetricsServer(settings.metricsListen(), metrics);
    }

    @Provides
    @Singleton
    AgentGatewayService gateway(AgentRegistry registry, ScheduledExecutorService timer, Clock clock,
            HealthModel health, WatchLists watchLists, AuditTrail trail, IssuedCertificates issued) {
        return new AgentGatewayService(registry, settings.heartbeatInterval(), timer, clock, Duration.ofSeconds(5), true,
                new SessionAudit(trail, issued, clock, new GatewayFeed(health, watchLists)));
    }

    @Provides
    @Singleton
    CoordinatorService api(AgentRegistry registry, Clock clock, HealthModel health, WatchLists watchLists,
            BrickworkMetrics metrics, ScheduledExecutorService timer) {
        // One thread per node sequence at most, plus a re-apply's replication check; plans for
        // dozens of nodes stay within a cached pool.
        ExecutorService steps = Executors.newCachedThreadPool(daemon("step"));
        return new CoordinatorService(registry, new Planner(settings.stepTimeouts()),
                new PlanRunner(registry, steps, clock), new ReplicationVerifier(registry, clock, steps),
                health, watchLists, metrics, new SpecStore(settings.stateDir()), settings.verifyTimeout(), timer,
                steps);
    }

    @Provides
    @Singleton
    AdminService admin(CertificateAuthority ca, JoinTokens tokens, RevokedNodes revoked, IssuedCertificates issued,
            AgentRegistry registry) {
        return new AdminService(ca, tokens, revoked, issued, registry, settings.joinTokenTtl(),
                settings.tls().adminCertificateValidity());
    }

    @Provides
    @Singleton
    EnrollmentService enrollment(CertificateAuthority ca, JoinTokens tokens, RevokedNodes revoked,
            IssuedCertificates issued, AgentRegistry registry, AuditTrail trail, Clock clock) {
        return new EnrollmentService(ca, tokens, revoked, issued, registry, trail, clock,
                settings.tls().nodeCertificateValidity());
    }

    @Provides
    @Singleton
    AuditTrail auditTrail() {
        return new AuditTrail(new JsonLinesFile(settings.auditLog(), AUDIT_MAX_BYTES, AUDIT_KEEP));
    }

    @Provides
    @Singleton
    ApiAuditInterceptor audit(AuditTrail trail, Clock clock) {
        return new ApiAuditInterceptor(trail, clock);
    }

    @Provides
    @Singleton
    CoordinatorServer server(ServerCredentials credentials, AgentGatewayService gateway, CoordinatorService api,
            AdminService admin, EnrollmentService enrollment, RevokedNodes revoked, ApiAuditInterceptor audit,
            HealthModel health, MetricsServer metricsServer, ScheduledExecutorService timer) {
        return new CoordinatorServer(settings.listen(), settings.adminSocket(), credentials, gateway, api, admin,
                enrollment, revoked, audit, health, metricsServer, timer);
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
