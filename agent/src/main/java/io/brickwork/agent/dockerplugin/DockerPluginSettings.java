package io.brickwork.agent.dockerplugin;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/** Where the volume plugin listens and how long one call may take. */
public record DockerPluginSettings(Path socket, Duration callTimeout) {
    public DockerPluginSettings {
        requireNonNull(socket, "socket is null");
        requireNonNull(callTimeout, "callTimeout is null");
    }
}
