package io.brickwork.coordinator.testing;

import io.brickwork.coordinator.server.ServerTransport;
import io.grpc.ManagedChannel;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.Optional;

/**
 * One in-process door with a generated name, calls run on the caller's thread. No TLS, so no
 * caller proves who it is: agents need no certificate and every API caller is let in.
 */
public final class InProcessTransport implements ServerTransport {
    private final String name = InProcessServerBuilder.generateName();

    @Override
    public ServerBuilder<?> network(ServerCredentials credentials) {
        return InProcessServerBuilder.forName(name).directExecutor();
    }

    @Override
    public boolean provesCallers() {
        return false;
    }

    @Override
    public Optional<LocalDoor> local() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "in-process:" + name;
    }

    /** A channel to the door; the caller shuts it down. */
    public ManagedChannel channel() {
        return InProcessChannelBuilder.forName(name).directExecutor().build();
    }
}
