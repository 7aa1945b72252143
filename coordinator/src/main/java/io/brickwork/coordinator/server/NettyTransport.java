package io.brickwork.coordinator.server;

import static java.util.Objects.requireNonNull;

import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.util.Optional;

/** Production doors: {@code listen} over mutual TLS, and the root-only {@code admin-socket}. */
public final class NettyTransport implements ServerTransport {
    private final ServerSettings settings;

    public NettyTransport(ServerSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public ServerBuilder<?> network(ServerCredentials credentials) {
        return NettyServerBuilder.forAddress(
                new InetSocketAddress(settings.listen().host(), settings.listen().port()), credentials);
    }

    @Override
    public boolean provesCallers() {
        return true;
    }

    @Override
    public Optional<LocalDoor> local() {
        return Optional.of(new AdminSocket(settings.adminSocket()));
    }

    @Override
    public String describe() {
        return settings.listen().target();
    }
}
