package io.brickwork.coordinator.metrics;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import io.brickwork.common.config.SettingsException;
import io.brickwork.common.net.HostPort;
import java.util.List;
import java.util.Optional;

/** Where Prometheus scrapes {@code /metrics} ({@code metrics-listen}); empty: no endpoint. */
public record MetricsSettings(Optional<HostPort> listen) {
    public MetricsSettings {
        requireNonNull(listen, "listen is null");
    }

    /** @param coordinator the {@code brickwork.coordinator} section */
    public static MetricsSettings from(Config coordinator) {
        String text = coordinator.getString("metrics-listen");
        if (text.isEmpty()) {
            return new MetricsSettings(Optional.empty());
        }
        Optional<HostPort> listen = HostPort.parse(text);
        if (listen.isEmpty()) {
            throw new SettingsException(List.of("brickwork.coordinator.metrics-listen = '" + text
                    + "': must be host:port, or \"\" for no metrics endpoint"));
        }
        return new MetricsSettings(listen);
    }
}
