package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.security.Csr;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.InvalidCsrException;
import io.brickwork.common.security.Pem;
import io.brickwork.common.security.Role;
import io.brickwork.common.token.JoinToken;
import io.brickwork.common.validation.Validation;
import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.gateway.AgentSession;
import io.brickwork.proto.agent.v1.EnrollmentGrpc;
import io.brickwork.proto.agent.v1.IssueGlusterCertificateRequest;
import io.brickwork.proto.agent.v1.IssueGlusterCertificateResponse;
import io.brickwork.proto.agent.v1.JoinRequest;
import io.brickwork.proto.agent.v1.JoinResponse;
import io.brickwork.proto.agent.v1.RenewRequest;
import io.brickwork.proto.agent.v1.RenewResponse;
import io.brickwork.proto.coordinator.state.v1.IssuedCertificate;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Turns a join token and a CSR into a node certificate. The node's identity is the name it
 * joins with; from then on the coordinator believes only the certificate.
 *
 * <p>A name is taken while it has a live certificate or a connected agent: a join for it is
 * refused (ALREADY_EXISTS) unless the token was made to replace that node, and then the old
 * certificates are revoked and their streams cut. Otherwise anyone holding a token with a use
 * left could take over a node's name, and with it the node's place in every /etc/hosts and in
 * the volumes' auth.allow. Every join and renewal is audited with its remote address, token id
 * and the serial it was given.
 */
public final class EnrollmentService extends EnrollmentGrpc.EnrollmentImplBase {
    private static final Logger log = Logger.getLogger(EnrollmentService.class.getName());
    private static final String JOIN = "brickwork.agent.v1.Enrollment/Join";
    private static final String RENEW = "brickwork.agent.v1.Enrollment/Renew";
    private static final String ISSUE_GLUSTER = "brickwork.agent.v1.Enrollment/IssueGlusterCertificate";

    private final ClusterCa ca;
    private final JoinTokens tokens;
    private final RevokedNodes revoked;
    private final IssuedCertificates issued;
    private final AgentRegistry registry;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration certificateValidity;
    private final JoinRateLimit rateLimit;
    private final Duration glusterCertificateValidity;
    /** One join at a time: "is the name free" and "record its certificate" must not interleave. */
    private final Object joins = new Object();

    public EnrollmentService(ClusterCa ca, JoinTokens tokens, RevokedNodes revoked,
            IssuedCertificates issued, AgentRegistry registry, AuditTrail audit, Clock clock,
            Duration certificateValidity) {
        this(ca, tokens, revoked, issued, registry, audit, clock, certificateValidity, new JoinRateLimit(clock));
    }

    public EnrollmentService(ClusterCa ca, JoinTokens tokens, RevokedNodes revoked,
            IssuedCertificates issued, AgentRegistry registry, AuditTrail audit, Clock clock,
            Duration certificateValidity, JoinRateLimit rateLimit) {
        this(ca, tokens, revoked, issued, registry, audit, clock, certificateValidity, rateLimit, certificateValidity);
    }

    public EnrollmentService(ClusterCa ca, JoinTokens tokens, RevokedNodes revoked,
            IssuedCertificates issued, AgentRegistry registry, AuditTrail audit, Clock clock,
            Duration certificateValidity, JoinRateLimit rateLimit, Duration glusterCertificateValidity) {
        this.glusterCertificateValidity = requireNonNull(glusterCertificateValidity, "glusterCertificateValidity is null");
        this.rateLimit = requireNonNull(rateLimit, "rateLimit is null");
        this.ca = requireNonNull(ca, "ca is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.revoked = requireNonNull(revoked, "revoked is null");
        this.issued = requireNonNull(issued, "issued is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.certificateValidity = requireNonNull(certificateValidity, "certificateValidity is null");
    }

    @Override
    public void join(JoinRequest request, StreamObserver<JoinResponse> responses) {
        long start = clock.millis();
        Caller caller = Caller.current();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("node_name", Printable.capped(request.getNodeName()));
        String tokenId = JoinToken.parse(request.getToken()).map(JoinToken::id).orElse("");
        details.put("token_id", tokenId);
        try {
            Optional<Duration> wait = rateLimit.take(caller.remoteAddress().orElse(""));
            if (wait.isPresent()) {
                throw Status.RESOURCE_EXHAUSTED.withDescription("too many join attempts from "
                        + caller.remoteAddress().orElse("this address") + "; try again in "
                        + Math.max(1, wait.get().toSeconds()) + " s").asRuntimeException();
            }
            JoinResponse response;
            synchronized (joins) {
                response = guard(() -> admit(request, caller, details));
            }
            record(start, caller, JOIN, details, Status.OK);
            responses.onNext(response);
            responses.onCompleted();
        } catch (StatusRuntimeException e) {
            record(start, caller, JOIN, details, e.getStatus());
            log.warning(() -> "join as '" + Printable.capped(request.getNodeName()) + "' from "
                    + caller.remoteAddress().orElse("?") + " refused: " + e.getStatus().getDescription());
            responses.onError(e);
        }
    }

    private JoinResponse admit(JoinRequest request, Caller caller, Map<String, Object> details) {
        String node = request.getNodeName();
        Optional<String> problem = Validation.nodeNameProblem(node);
        if (problem.isPresent()) {
            throw Status.INVALID_ARGUMENT.withDescription("node name '" + Printable.capped(node) + "' " + problem.get())
                    .asRuntimeException();
        }
        if (revoked.isRevoked(node)) {
            throw Status.PERMISSION_DENIED.withDescription("node " + node + " has been revoked").asRuntimeException();
        }
        // The CSR is checked before the token is used up: a broken agent must not burn a token.
        Csr csr = parse(request.getCsrDer().toByteArray());
        JoinTokens.Grant grant = tokenFor(request, node, false);
        List<IssuedCertificate> live = issued.liveNodeCertificates(node);
        List<AgentSession> connected = sessionsOf(node);
        if ((!live.isEmpty() || !connected.isEmpty()) && !grant.binding().replace()) {
            throw Status.ALREADY_EXISTS.withDescription("node " + node + " is already enrolled ("
                    + (live.isEmpty() ? "" : "it has a live certificate" + (connected.isEmpty() ? "" : " and "))
                    + (connected.isEmpty() ? "" : "its agent is connected") + "); a join cannot take its name."
                    + " To replace that node, join with a token made for it: brickwork token create --node " + node
                    + " --replace").asRuntimeException();
        }
        grant = tokenFor(request, node, true);
        X509Certificate certificate = ca.authority().issue(csr.publicKey(), new Identity(Role.NODE, node), certificateValidity,
                List.of(), List.of());
        IssuedCertificate recorded = issued.record(certificate, "token:" + grant.id(), grant.id(),
                caller.remoteAddress());
        details.put("serial", recorded.getSerial());
        details.put("fingerprint_sha256", recorded.getFingerprintSha256());
        List<String> replaced = replace(node, live, connected, recorded, grant);
        if (!replaced.isEmpty()) {
            details.put("replaced_serials", String.join(",", replaced));
        }
        log.info(() -> "node " + node + " joined from " + caller.remoteAddress().orElse("?") + " with token "
                + details.get("token_id") + "; certificate serial " + recorded.getSerial()
                + (replaced.isEmpty() ? "" : ", replacing serials " + replaced));
        return JoinResponse.newBuilder()
                .setCertificatePem(Pem.encode(certificate))
                .setCaCertificatePem(Pem.encode(ca.authority().certificate()))
                .build();
    }

    private JoinTokens.Grant tokenFor(JoinRequest request, String node, boolean useUp) {
        try {
            return useUp ? tokens.consume(request.getToken(), ca.authority().fingerprint(), node)
                    : tokens.check(request.getToken(), ca.authority().fingerprint(), node);
        } catch (JoinTokens.RejectedTokenException e) {
            throw Status.PERMISSION_DENIED.withDescription(e.getMessage()).asRuntimeException();
        }
    }

    /** A new certificate for a name ends the old ones: revoked, and whatever runs on them cut. */
    private List<String> replace(String node, List<IssuedCertificate> live, List<AgentSession> connected,
            IssuedCertificate replacement, JoinTokens.Grant grant) {
        List<String> serials = new ArrayList<>();
        Status status = Status.PERMISSION_DENIED.withDescription("node " + node
                + " was replaced by a new certificate (serial " + replacement.getSerial() + ")");
        for (IssuedCertificate old : live) {
            revoked.revokeCertificate(old.getSerial(), old.getFingerprintSha256(), "token:" + grant.id(),
                    "replaced by serial " + replacement.getSerial());
            revoked.calls().cut(new CertificateReference(CertificateReference.Kind.SERIAL, old.getSerial()), status);
            serials.add(old.getSerial());
        }
        // A session whose certificate predates the record has no serial here to revoke; it still goes.
        for (AgentSession session : connected) {
            registry.disconnect(session.node(), status);
        }
        return serials;
    }

    private List<AgentSession> sessionsOf(String node) {
        return registry.sessions().stream().filter(session -> session.node().equalsIgnoreCase(node)).toList();
    }

    @Override
    public void renew(RenewRequest request, StreamObserver<RenewResponse> responses) {
        long start = clock.millis();
        Caller caller = Caller.current();
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            String node = caller.nodeName().orElseThrow(() -> Status.UNAUTHENTICATED
                    .withDescription("renewal needs the node's current certificate").asRuntimeException());
            details.put("node_name", node);
            details.put("previous_serial", caller.serial());
            Csr csr = parse(request.getCsrDer().toByteArray());
            X509Certificate certificate = guard(() -> ca.authority().issue(csr.publicKey(), new Identity(Role.NODE, node),
                    certificateValidity, List.of(), List.of()));
            // The previous certificate stays valid until it expires: the agent's open connection
            // was made with it and carries on until it redials with the new one.
            // The join token stays on the node's record through renewals: sessions name it in the audit log.
            String tokenId = issued.find(new CertificateReference(CertificateReference.Kind.SERIAL, caller.serial()))
                    .map(IssuedCertificate::getTokenId).orElse("");
            IssuedCertificate recorded = issued.record(certificate, caller.describe(), tokenId, caller.remoteAddress());
            if (!tokenId.isEmpty()) {
                details.put("token_id", tokenId);
            }
            details.put("serial", recorded.getSerial());
            details.put("fingerprint_sha256", recorded.getFingerprintSha256());
            record(start, caller, RENEW, details, Status.OK);
            log.info(() -> "node " + node + " renewed its certificate; serial " + recorded.getSerial());
            responses.onNext(RenewResponse.newBuilder().setCertificatePem(Pem.encode(certificate)).build());
            responses.onCompleted();
        } catch (StatusRuntimeException e) {
            record(start, caller, RENEW, details, e.getStatus());
            responses.onError(e);
        }
    }

    /**
     * A gluster certificate for the calling node's own name (from its certificate, never from the
     * request). Audited with its serial; not kept in the issued-certificates record, which holds
     * Brickwork identities: a gluster certificate cannot call the coordinator.
     */
    @Override
    public void issueGlusterCertificate(IssueGlusterCertificateRequest request,
            StreamObserver<IssueGlusterCertificateResponse> responses) {
        long start = clock.millis();
        Caller caller = Caller.current();
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            String node = caller.nodeName().orElseThrow(() -> Status.UNAUTHENTICATED
                    .withDescription("a gluster certificate needs the node's own certificate").asRuntimeException());
            details.put("node_name", node);
            Csr csr = parse(request.getCsrDer().toByteArray());
            X509Certificate certificate = guard(() -> ca.authority().issueGluster(csr.publicKey(), node,
                    glusterCertificateValidity));
            details.put("serial", CertificateReference.serial(certificate));
            details.put("not_after", certificate.getNotAfter().toInstant().toString());
            record(start, caller, ISSUE_GLUSTER, details, Status.OK);
            log.info(() -> "issued a gluster certificate for node " + node + "; serial " + details.get("serial"));
            responses.onNext(IssueGlusterCertificateResponse.newBuilder()
                    .setCertificatePem(Pem.encode(certificate))
                    .setCaCertificatePem(Pem.encode(ca.authority().certificate()))
                    .build());
            responses.onCompleted();
        } catch (StatusRuntimeException e) {
            record(start, caller, ISSUE_GLUSTER, details, e.getStatus());
            responses.onError(e);
        }
    }

    private void record(long start, Caller caller, String method, Map<String, Object> details, Status status) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.ofEpochMilli(start).toString());
        entry.put("caller", caller.describe());
        caller.remoteAddress().ifPresent(address -> entry.put("remote_address", address));
        entry.put("method", method);
        entry.putAll(details);
        entry.put("status", status.getCode().name());
        if (status.getDescription() != null) {
            entry.put("message", status.getDescription());
        }
        entry.put("duration_ms", clock.millis() - start);
        audit.record(entry);
    }

    /** A failure that is not a status leaves as INTERNAL with a description, and is audited as such. */
    private static <T> T guard(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (StatusRuntimeException e) {
            throw e;
        } catch (RuntimeException e) {
            log.log(java.util.logging.Level.SEVERE, "enrollment failed", e);
            throw Status.INTERNAL.withDescription("internal error: " + e).withCause(e).asRuntimeException();
        }
    }

    static Csr parse(byte[] der) {
        try {
            return Csr.parse(der);
        } catch (InvalidCsrException e) {
            throw Status.INVALID_ARGUMENT.withDescription("certificate request: " + e.getMessage()).asRuntimeException();
        }
    }
}
