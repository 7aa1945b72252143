package io.brickwork.coordinator.server;

import static java.util.Objects.requireNonNull;

import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Production doors: {@code listen} over mutual TLS, within {@link DoorLimits}, and the root-only
 * {@code admin-socket}.
 */
public final class NettyTransport implements ServerTransport {
    /** HTTP/2 RST_STREAM frames a connection may send per window before it is closed (rapid reset). */
    private static final int MAX_RST_FRAMES = 200;
    private static final int RST_WINDOW_SECONDS = 10;

    private final ServerSettings settings;
    private final DoorLimits limits;

    public NettyTransport(ServerSettings settings) {
        this(settings, DoorLimits.DEFAULTS);
    }

    public NettyTransport(ServerSettings settings, DoorLimits limits) {
        this.settings = requireNonNull(settings, "settings is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public ServerBuilder<?> network(ServerCredentials credentials) {
        return NettyServerBuilder.forAddress(
                        new InetSocketAddress(settings.listen().host(), settings.listen().port()), credentials)
                .handshakeTimeout(limits.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionIdle(limits.maxConnectionIdle().toMillis(), TimeUnit.MILLISECONDS)
                .maxConcurrentCallsPerConnection(limits.maxConcurrentCallsPerConnection())
                .keepAliveTime(limits.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(limits.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveTime(limits.permitKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .maxInboundMessageSize(limits.maxInboundMessageBytes())
                .maxRstFramesPerWindow(MAX_RST_FRAMES, RST_WINDOW_SECONDS);
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
