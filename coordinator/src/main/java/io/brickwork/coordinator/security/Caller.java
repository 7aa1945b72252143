package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.security.Identity;
import io.brickwork.common.security.Role;
import io.grpc.Context;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Who is calling, as established by the transport: a verified client certificate (with its
 * serial and fingerprint, so a single certificate can be revoked), the root-only local socket,
 * or nobody. Put in the gRPC Context by {@link AuthInterceptor}.
 *
 * @param serial the certificate's serial number in lowercase hex; empty without a certificate
 * @param remoteAddress where a TCP call comes from (for the audit trail); empty on the local socket
 * @param peerUid on the local socket, the uid the kernel reports for the connecting process
 *     (SO_PEERCRED, see {@link LocalSocketCredentials}); empty when it was not read
 */
public record Caller(Optional<Identity> identity, String fingerprint, String serial, boolean localSocket,
        Optional<String> remoteAddress, OptionalInt peerUid) {
    public static final Context.Key<Caller> KEY = Context.key("brickwork-caller");
    public static final Caller ANONYMOUS = new Caller(Optional.empty(), "", "", false, Optional.empty(),
            OptionalInt.empty());
    public static final Caller LOCAL_ROOT = local(OptionalInt.empty());

    public Caller {
        requireNonNull(identity, "identity is null");
        requireNonNull(fingerprint, "fingerprint is null");
        requireNonNull(serial, "serial is null");
        requireNonNull(remoteAddress, "remoteAddress is null");
        requireNonNull(peerUid, "peerUid is null");
    }

    public static Caller certificate(Identity identity, String fingerprint, String serial) {
        return new Caller(Optional.of(identity), fingerprint, serial, false, Optional.empty(), OptionalInt.empty());
    }

    /** A caller on the local socket; whoever could open it is an admin (the socket's file mode is the credential). */
    public static Caller local(OptionalInt peerUid) {
        return new Caller(Optional.empty(), "", "", true, Optional.empty(), peerUid);
    }

    public Caller from(Optional<String> address) {
        return new Caller(identity, fingerprint, serial, localSocket, address, peerUid);
    }

    /** The caller of the current gRPC call (ANONYMOUS outside one, e.g. in unit tests without the interceptor). */
    public static Caller current() {
        Caller caller = KEY.get();
        return caller == null ? ANONYMOUS : caller;
    }

    public boolean isAdmin() {
        return localSocket || identity.map(id -> id.role() == Role.ADMIN).orElse(false);
    }

    public Optional<String> nodeName() {
        return identity.filter(id -> id.role() == Role.NODE).map(Identity::name);
    }

    /** Whether the call came with a client certificate, which then can be revoked on its own. */
    public boolean hasCertificate() {
        return identity.isPresent() && !serial.isEmpty();
    }

    /**
     * For logs and the audit trail, and sent to agents as requested_by (printable, no spaces):
     * "unix:uid=0", "admin:alice@sha256:…", "anonymous". Without the peer's credentials a local
     * caller is root: only root can open the socket.
     */
    public String describe() {
        if (localSocket) {
            return "unix:uid=" + peerUid.orElse(0);
        }
        return identity.map(id -> id.role().name().toLowerCase(Locale.ROOT) + ":" + id.name()
                + "@sha256:" + fingerprint).orElse("anonymous");
    }
}
