package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.common.audit.JsonLinesFile;
import io.brickwork.coordinator.gateway.AgentGatewayService;
import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.health.GatewayFeed;
import java.time.Clock;

/**
 * Trust: the cluster CA, join tokens, revocations, the admin and enrollment services and the
 * API's audit trail. Only binds; the CA is loaded when the coordinator starts ({@link ClusterCa#start()}).
 */
public final class SecurityModule extends AbstractModule {
    private static final long AUDIT_MAX_BYTES = 10L * 1024 * 1024;
    private static final int AUDIT_KEEP = 5;

    private final SecuritySettings settings;

    public SecurityModule(SecuritySettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    protected void configure() {
        bind(SecuritySettings.class).toInstance(settings);
    }

    @Provides
    @Singleton
    ClusterCa clusterCa(Clock clock) {
        return new ClusterCa(settings, clock);
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

    /** Read on every call, not at start: nothing is read while the injector is built. */
    @Provides
    @Singleton
    IssuedCertificates issuedCertificates(Clock clock, RevokedNodes revoked) {
        return new IssuedCertificates(settings.stateDir().resolve("issued-certificates.pb"), clock, revoked);
    }

    @Provides
    @Singleton
    AdminService admin(ClusterCa ca, JoinTokens tokens, RevokedNodes revoked, IssuedCertificates issued,
            AgentRegistry registry) {
        return new AdminService(ca, tokens, revoked, issued, registry, settings.joinTokenTtl(),
                settings.tls().adminCertificateValidity());
    }

    @Provides
    @Singleton
    EnrollmentService enrollment(ClusterCa ca, JoinTokens tokens, RevokedNodes revoked, IssuedCertificates issued,
            AgentRegistry registry, AuditTrail trail, Clock clock) {
        return new EnrollmentService(ca, tokens, revoked, issued, registry, trail, clock,
                settings.tls().nodeCertificateValidity(), new JoinRateLimit(clock),
                settings.tls().glusterCertificateValidity());
    }

    /** The file is opened by the first entry, not here. */
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

    /** Agent sessions are audited on their way to the health model. */
    @Provides
    @Singleton
    AgentGatewayService.Listener sessions(AuditTrail trail, IssuedCertificates issued, Clock clock, GatewayFeed feed) {
        return new SessionAudit(trail, issued, clock, feed);
    }
}
