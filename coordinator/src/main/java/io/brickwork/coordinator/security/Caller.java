package io.brickwork.coordinator.security;

import io.brickwork.common.security.Identity;
import io.brickwork.common.security.Role;
import io.grpc.Context;
import java.util.Optional;

/**
 * Who is calling, as established by the transport: a verified client certificate, the
 * root-only local socket, or nobody. Put in the gRPC Context by {@link AuthInterceptor}.
 */
public record Caller(Optional<Identity> identity, String fingerprint, boolean localSocket) {
    public static final Context.Key<Caller> KEY = Context.key("brickwork-caller");
    public static final Caller ANONYMOUS = new Caller(Optional.empty(), "", false);
    public static final Caller LOCAL_ROOT = new Caller(Optional.empty(), "", true);

    public static Caller certificate(Identity identity, String fingerprint) {
        return new Caller(Optional.of(identity), fingerprint, false);
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

    /**
     * For logs and the audit trail, and sent to agents as requested_by (printable, no spaces):
     * "unix:uid=0", "admin:alice@sha256:…", "anonymous".
     */
    public String describe() {
        if (localSocket) {
            return "unix:uid=0";
        }
        return identity.map(id -> id.role().name().toLowerCase(java.util.Locale.ROOT) + ":" + id.name()
                + "@sha256:" + fingerprint).orElse("anonymous");
    }
}
