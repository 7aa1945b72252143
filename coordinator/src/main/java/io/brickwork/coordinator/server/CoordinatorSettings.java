package io.brickwork.coordinator.server;

import com.typesafe.config.Config;
import io.brickwork.common.config.SettingsException;
import io.brickwork.common.net.HostPort;
import io.brickwork.coordinator.plan.StepTimeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every key of {@code brickwork.coordinator}, read and validated once at start. */
public record CoordinatorSettings(HostPort listen, Path stateDir, Duration heartbeatInterval, StepTimeouts stepTimeouts,
        Duration verifyTimeout) {

    public static CoordinatorSettings from(Config config) {
        List<String> problems = new ArrayList<>();
        String listenText = config.getString("listen");
        Optional<HostPort> listen = HostPort.parse(listenText);
        if (listen.isEmpty()) {
            problems.add("brickwork.coordinator.listen = '" + listenText + "': must be host:port");
        }
        String stateDir = config.getString("state-dir");
        if (!Path.of(stateDir).isAbsolute()) {
            problems.add("brickwork.coordinator.state-dir = '" + stateDir + "': must be an absolute path");
        }
        Duration heartbeat = config.getDuration("heartbeat-interval");
        if (heartbeat.toMillis() < 100) {
            problems.add("brickwork.coordinator.heartbeat-interval = " + heartbeat + ": must be at least 100ms");
        }
        Config steps = config.getConfig("step-timeouts");
        StepTimeouts timeouts = new StepTimeouts(steps.getDuration("standard"), steps.getDuration("packages"),
                steps.getDuration("peers"), steps.getDuration("volume"), steps.getDuration("mount"));
        for (String key : List.of("standard", "packages", "peers", "volume", "mount")) {
            if (steps.getDuration(key).toMillis() < 1000) {
                problems.add("brickwork.coordinator.step-timeouts." + key + " = " + steps.getDuration(key)
                        + ": must be at least 1s");
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new CoordinatorSettings(listen.get(), Path.of(stateDir), heartbeat, timeouts,
                config.getDuration("verify-timeout"));
    }
}
