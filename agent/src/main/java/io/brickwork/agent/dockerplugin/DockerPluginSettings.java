package io.brickwork.agent.dockerplugin;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the volume plugin listens, how long one call may take, and the node's dockerd socket
 * (empty: none is asked to load the plugin, see {@link DockerEngineNudge}).
 */
public record DockerPluginSettings(Path socket, Duration callTimeout, Optional<Path> dockerSocket) {
    public DockerPluginSettings {
        requireNonNull(socket, "socket is null");
        requireNonNull(callTimeout, "callTimeout is null");
        requireNonNull(dockerSocket, "dockerSocket is null");
    }
}
