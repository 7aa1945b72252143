package io.brickwork.coordinator.server;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import io.brickwork.common.config.SettingsException;
import io.brickwork.coordinator.api.ApiSettings;
import io.brickwork.coordinator.apply.ApplySettings;
import io.brickwork.coordinator.gateway.GatewaySettings;
import io.brickwork.coordinator.health.HealthSettings;
import io.brickwork.coordinator.metrics.MetricsSettings;
import io.brickwork.coordinator.security.SecuritySettings;
import io.brickwork.coordinator.swarm.SwarmSettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Every key of {@code brickwork.coordinator}, read and validated once at start: one part per feature. */
public record CoordinatorSettings(
        ServerSettings server,
        SecuritySettings security,
        GatewaySettings gateway,
        HealthSettings health,
        ApplySettings apply,
        ApiSettings api,
        MetricsSettings metrics,
        SwarmSettings swarm) {

    public CoordinatorSettings {
        requireNonNull(server, "server is null");
        requireNonNull(security, "security is null");
        requireNonNull(gateway, "gateway is null");
        requireNonNull(health, "health is null");
        requireNonNull(apply, "apply is null");
        requireNonNull(api, "api is null");
        requireNonNull(metrics, "metrics is null");
        requireNonNull(swarm, "swarm is null");
    }

    /**
     * Reads every part, so that one start names every problem. Parts that read the same key
     * (state-dir) report its problem once.
     *
     * @param coordinator the {@code brickwork.coordinator} section
     */
    public static CoordinatorSettings from(Config coordinator) {
        Set<String> problems = new LinkedHashSet<>();
        ServerSettings server = part(ServerSettings::from, coordinator, problems);
        SecuritySettings security = part(SecuritySettings::from, coordinator, problems);
        GatewaySettings gateway = part(GatewaySettings::from, coordinator, problems);
        HealthSettings health = part(HealthSettings::from, coordinator, problems);
        ApplySettings apply = part(ApplySettings::from, coordinator, problems);
        ApiSettings api = part(ApiSettings::from, coordinator, problems);
        MetricsSettings metrics = part(MetricsSettings::from, coordinator, problems);
        SwarmSettings swarm = part(SwarmSettings::from, coordinator.getConfig("swarm"), problems);
        if (!problems.isEmpty()) {
            throw new SettingsException(List.copyOf(problems));
        }
        return new CoordinatorSettings(server, security, gateway, health, apply, api, metrics, swarm);
    }

    private static <T> T part(Function<Config, T> reader, Config config, Set<String> problems) {
        try {
            return reader.apply(config);
        } catch (SettingsException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
