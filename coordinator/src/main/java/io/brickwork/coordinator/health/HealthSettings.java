package io.brickwork.coordinator.health;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import io.brickwork.common.config.SettingsException;
import java.time.Duration;
import java.util.List;

/**
 * How often agents report ({@code report-interval}): the agents are told it in their watch
 * lists, and a node is stale after two intervals without a report and down after three.
 */
public record HealthSettings(Duration reportInterval) {
    public HealthSettings {
        requireNonNull(reportInterval, "reportInterval is null");
    }

    /** @param coordinator the {@code brickwork.coordinator} section */
    public static HealthSettings from(Config coordinator) {
        Duration reportInterval = coordinator.getDuration("report-interval");
        if (reportInterval.toMillis() < 100) {
            throw new SettingsException(List.of(
                    "brickwork.coordinator.report-interval = " + reportInterval + ": must be at least 100ms"));
        }
        return new HealthSettings(reportInterval);
    }
}
