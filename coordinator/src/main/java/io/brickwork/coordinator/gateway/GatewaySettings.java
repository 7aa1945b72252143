package io.brickwork.coordinator.gateway;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import io.brickwork.common.config.SettingsException;
import java.time.Duration;
import java.util.List;

/**
 * The agents' streams: the heartbeat sent on each ({@code heartbeat-interval}; three missed ones
 * mark the node down).
 *
 * @param transitGrace time for a request and its result to travel, on top of an action's own
 *     timeout, before the coordinator stops waiting; not a key: only tests wait less
 */
public record GatewaySettings(Duration heartbeatInterval, Duration transitGrace) {
    public static final Duration TRANSIT_GRACE = Duration.ofSeconds(5);

    public GatewaySettings {
        requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        requireNonNull(transitGrace, "transitGrace is null");
    }

    /** @param coordinator the {@code brickwork.coordinator} section */
    public static GatewaySettings from(Config coordinator) {
        Duration heartbeat = coordinator.getDuration("heartbeat-interval");
        if (heartbeat.toMillis() < 100) {
            throw new SettingsException(List.of(
                    "brickwork.coordinator.heartbeat-interval = " + heartbeat + ": must be at least 100ms"));
        }
        return new GatewaySettings(heartbeat, TRANSIT_GRACE);
    }
}
