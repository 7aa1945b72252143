package io.brickwork.coordinator.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one TCP connection to the network door may take. Anyone who can reach the port may open
 * connections, start TLS handshakes and call enrollment, so each of those is bounded; the
 * agents' long-lived streams must still pass (they heartbeat and keep the connection busy, and
 * a connection with a call open is never idle).
 *
 * @param handshakeTimeout a connection that has not finished TLS by then is closed
 * @param maxConnectionIdle a connection with no call open for this long is closed (GOAWAY)
 * @param maxConcurrentCallsPerConnection HTTP/2 streams open at once on one connection (an
 *     agent needs one for its session and one for a renewal; the CLI a few)
 * @param keepAliveTime the door pings a connection silent this long, to find peers that are gone
 * @param keepAliveTimeout and closes it when the ping is not answered in this time
 * @param permitKeepAliveTime the shortest client ping interval tolerated (agents ping every
 *     30 s); faster pingers get GOAWAY
 * @param maxInboundMessageBytes the largest request on any service of the door (enrollment has
 *     its own, smaller limit: {@link CoordinatorServer#ENROLLMENT_MAX_REQUEST_BYTES})
 */
public record DoorLimits(Duration handshakeTimeout, Duration maxConnectionIdle, int maxConcurrentCallsPerConnection,
        Duration keepAliveTime, Duration keepAliveTimeout, Duration permitKeepAliveTime, int maxInboundMessageBytes) {
    public static final DoorLimits DEFAULTS = new DoorLimits(Duration.ofSeconds(10), Duration.ofMinutes(5), 32,
            Duration.ofMinutes(1), Duration.ofSeconds(20), Duration.ofSeconds(20), 4 * 1024 * 1024);

    public DoorLimits {
        requireNonNull(handshakeTimeout, "handshakeTimeout is null");
        requireNonNull(maxConnectionIdle, "maxConnectionIdle is null");
        requireNonNull(keepAliveTime, "keepAliveTime is null");
        requireNonNull(keepAliveTimeout, "keepAliveTimeout is null");
        requireNonNull(permitKeepAliveTime, "permitKeepAliveTime is null");
        if (maxConcurrentCallsPerConnection < 1 || maxInboundMessageBytes < 1) {
            throw new IllegalArgumentException("call and message limits must be positive");
        }
    }
}
