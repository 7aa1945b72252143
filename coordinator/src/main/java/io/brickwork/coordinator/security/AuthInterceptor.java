package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.security.Fingerprints;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.Role;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Logger;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Decides, per call, who the caller is and whether that caller may call that method. There is
 * no anonymous API: only joining (the token is the credential) and health checks are open.
 *
 * <p>The TLS layer has already verified any client certificate against the cluster CA; this
 * only reads the identity from it and applies the role and revocation rules.
 */
public final class AuthInterceptor implements ServerInterceptor {
    private static final Logger log = Logger.getLogger(AuthInterceptor.class.getName());

    /** LOCAL_ADMIN: only over the local socket, whatever certificate a TCP caller holds. */
    enum Access { ANYONE, NODE, ADMIN, LOCAL_ADMIN }

    /**
     * Minting admins stays with root on the coordinator's host: a stolen admin certificate must
     * not be able to make itself a successor that outlives its revocation.
     */
    private static final String ISSUE_ADMIN_CERTIFICATE = "brickwork.coordinator.v1.Admin/IssueAdminCertificate";

    private final RevokedNodes revoked;
    private final boolean localSocket;

    /**
     * @param localSocket true for the root-only Unix socket server: every caller there is a
     *     local administrator (the socket's file mode is the credential); serve it with
     *     {@link LocalSocketCredentials} so the audit trail has the caller's real uid
     */
    public AuthInterceptor(RevokedNodes revoked, boolean localSocket) {
        this.revoked = requireNonNull(revoked, "revoked is null");
        this.localSocket = localSocket;
    }

    static Optional<Access> access(String fullMethodName) {
        String service = fullMethodName.substring(0, Math.max(0, fullMethodName.indexOf('/')));
        return switch (service) {
            case "grpc.health.v1.Health" -> Optional.of(Access.ANYONE);
            case "brickwork.agent.v1.Enrollment" -> Optional.of(
                    fullMethodName.endsWith("/Join") ? Access.ANYONE : Access.NODE);
            case "brickwork.agent.v1.AgentGateway" -> Optional.of(Access.NODE);
            case "brickwork.coordinator.v1.Admin" -> Optional.of(
                    fullMethodName.equals(ISSUE_ADMIN_CERTIFICATE) ? Access.LOCAL_ADMIN : Access.ADMIN);
            case "brickwork.coordinator.v1.Coordinator",
                    "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection" ->
                    Optional.of(Access.ADMIN);
            default -> Optional.empty();
        };
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        Caller caller = localSocket ? Caller.local(peerUid(call.getAttributes().get(LocalSocketCredentials.PEER_UID)))
                : fromTls(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION))
                        .from(remoteAddress(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)));
        if (!caller.hasCertificate()) {
            Optional<Status> refusal = refusal(method, caller);
            if (refusal.isPresent()) {
                return refuse(call, method, caller, refusal.get());
            }
            return Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller), call, headers, next);
        }
        // Tracked before the revocation check: a revocation between the two still finds the call.
        OpenCalls.Tracked<Q, R> tracked = revoked.calls().track(call, caller);
        Optional<Status> refusal = refusal(method, caller);
        if (refusal.isPresent()) {
            return refuse(tracked, method, caller, refusal.get());
        }
        return tracked.listen(Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller), tracked,
                headers, next));
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String method, Caller caller,
            Status refusal) {
        log.warning(() -> "refused " + Printable.capped(method) + " from " + caller.describe() + " at "
                + caller.remoteAddress().orElse("the local socket") + ": " + refusal.getDescription());
        call.close(refusal, new Metadata());
        return new ServerCall.Listener<>() {};
    }

    private static OptionalInt peerUid(Integer uid) {
        return uid == null ? OptionalInt.empty() : OptionalInt.of(uid);
    }

    private static Optional<String> remoteAddress(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String text = inet.getAddress().getHostAddress();
            int zone = text.indexOf('%');
            return Optional.of(zone < 0 ? text : text.substring(0, zone));
        }
        return Optional.ofNullable(remote).map(Object::toString);
    }

    private Optional<Status> refusal(String method, Caller caller) {
        Optional<Access> access = access(method);
        if (access.isEmpty()) {
            return Optional.of(Status.PERMISSION_DENIED.withDescription("method " + Printable.capped(method) + " is not served"));
        }
        if (caller.nodeName().filter(revoked::isRevoked).isPresent()) {
            return Optional.of(Status.PERMISSION_DENIED.withDescription(
                    "node " + caller.nodeName().get() + " has been revoked"));
        }
        if (revoked.isRevoked(caller)) {
            return Optional.of(Status.PERMISSION_DENIED.withDescription(
                    "certificate serial " + caller.serial() + " (sha256:" + caller.fingerprint() + ") has been revoked"));
        }
        return switch (access.get()) {
            case ANYONE -> Optional.empty();
            case NODE -> caller.nodeName().isPresent() ? Optional.empty() : Optional.of(denied(caller,
                    "a node certificate is required (join the node with a token first)"));
            case ADMIN -> caller.isAdmin() ? Optional.empty() : Optional.of(denied(caller,
                    "an admin certificate or the coordinator's local socket is required"));
            case LOCAL_ADMIN -> caller.localSocket() ? Optional.empty() : Optional.of(Status.PERMISSION_DENIED
                    .withDescription("admin certificates are issued only over the coordinator's local socket"
                            + " (run the command as root on the coordinator's host); caller is " + caller.describe()));
        };
    }

    private static Status denied(Caller caller, String what) {
        return caller.identity().isEmpty() && !caller.localSocket()
                ? Status.UNAUTHENTICATED.withDescription(what)
                : Status.PERMISSION_DENIED.withDescription(what + "; caller is " + caller.describe());
    }

    private static Caller fromTls(SSLSession session) {
        if (session == null) {
            return Caller.ANONYMOUS;
        }
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return Caller.ANONYMOUS;
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return Caller.ANONYMOUS;
        }
        Optional<Identity> identity = Identity.of(leaf);
        if (identity.isEmpty() || identity.get().role() == Role.COORDINATOR) {
            return Caller.ANONYMOUS;
        }
        return Caller.certificate(identity.get(), Fingerprints.sha256(leaf), CertificateReference.serial(leaf));
    }
}
