package io.brickwork.coordinator.server;

import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import java.util.Optional;

/**
 * Where the coordinator's doors open: TCP with mutual TLS and the admin Unix socket in
 * production ({@link NettyTransport}), one in-process door in tests. The services behind the
 * doors are the same either way.
 */
public interface ServerTransport {
    /** The door for agents and remote admins; the server adds the services, builds and starts it. */
    ServerBuilder<?> network(ServerCredentials credentials);

    /**
     * Whether callers at the network door prove who they are with a certificate. Always in
     * production; a door inside one test process has no TLS, and there every caller is trusted.
     */
    boolean provesCallers();

    /** The door for local admins, if this transport has one: whoever can open it is root. */
    Optional<LocalDoor> local();

    /** The network door's address, for logs and errors: "0.0.0.0:7443". */
    String describe();

    /** A door whose file permissions are the credential. */
    interface LocalDoor {
        /** Prepares the door (its directory, a stale socket) and a builder for it. */
        ServerBuilder<?> open();

        /** After the server has started: narrow the socket's mode. */
        void opened();

        /** After the server has stopped: release what {@link #open()} took. */
        void closed();

        String describe();
    }
}
