package io.brickwork.coordinator.swarm;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import io.brickwork.common.config.SettingsException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code brickwork.coordinator.swarm}: where the Swarm manager's Engine API is, and how often the
 * storage-ready labels are reconciled besides reacting to every status change.
 *
 * @param dockerHost empty: no Swarm integration (the default)
 */
public record SwarmSettings(Optional<String> dockerHost, Duration reconcileInterval, Duration timeout) {
    public SwarmSettings {
        requireNonNull(dockerHost, "dockerHost is null");
        requireNonNull(reconcileInterval, "reconcileInterval is null");
        requireNonNull(timeout, "timeout is null");
    }

    public static SwarmSettings disabled() {
        return new SwarmSettings(Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    /** @param swarm the {@code brickwork.coordinator.swarm} section */
    public static SwarmSettings from(Config swarm) {
        List<String> problems = new ArrayList<>();
        String host = swarm.getString("docker-host");
        if (!host.isEmpty()) {
            dockerHostProblem(host).ifPresent(problem ->
                    problems.add("brickwork.coordinator.swarm.docker-host = '" + host + "': " + problem));
        }
        Duration interval = swarm.getDuration("reconcile-interval");
        if (interval.toMillis() < 100) {
            problems.add("brickwork.coordinator.swarm.reconcile-interval = " + interval + ": must be at least 100ms");
        }
        Duration timeout = swarm.getDuration("timeout");
        if (timeout.toMillis() < 100) {
            problems.add("brickwork.coordinator.swarm.timeout = " + timeout + ": must be at least 100ms");
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new SwarmSettings(host.isEmpty() ? Optional.empty() : Optional.of(host), interval, timeout);
    }

    /** unix:///absolute/path or tcp://host:port, the forms docker-java's transport takes. */
    public static Optional<String> dockerHostProblem(String host) {
        URI uri;
        try {
            uri = new URI(host);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("is not a URI: " + e.getReason());
        }
        if ("unix".equals(uri.getScheme())) {
            return uri.getPath() != null && uri.getPath().startsWith("/") && uri.getAuthority() == null
                    ? Optional.empty() : Optional.of("must be unix:///absolute/path/docker.sock");
        }
        if ("tcp".equals(uri.getScheme())) {
            return uri.getHost() != null && uri.getPort() > 0 ? Optional.empty() : Optional.of("must be tcp://host:port");
        }
        return Optional.of("must start with unix:// or tcp://");
    }
}
