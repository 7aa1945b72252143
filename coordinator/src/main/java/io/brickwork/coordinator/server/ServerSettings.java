package io.brickwork.coordinator.server;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import io.brickwork.common.config.SettingsException;
import io.brickwork.common.net.HostPort;
import io.brickwork.common.validation.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The coordinator's two doors: {@code listen} (gRPC over mutual TLS, for agents and remote
 * admins) and {@code admin-socket} (the root-only Unix socket for local admins).
 */
public record ServerSettings(HostPort listen, Path adminSocket) {
    public ServerSettings {
        requireNonNull(listen, "listen is null");
        requireNonNull(adminSocket, "adminSocket is null");
    }

    /** @param coordinator the {@code brickwork.coordinator} section */
    public static ServerSettings from(Config coordinator) {
        List<String> problems = new ArrayList<>();
        String listenText = coordinator.getString("listen");
        Optional<HostPort> listen = HostPort.parse(listenText);
        if (listen.isEmpty()) {
            problems.add("brickwork.coordinator.listen = '" + listenText + "': must be host:port");
        }
        String adminSocket = coordinator.getString("admin-socket");
        Validation.absolutePathProblem(adminSocket).ifPresent(problem ->
                problems.add("brickwork.coordinator.admin-socket = '" + adminSocket + "': " + problem));
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new ServerSettings(listen.get(), Path.of(adminSocket));
    }
}
