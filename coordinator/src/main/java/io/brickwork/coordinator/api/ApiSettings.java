package io.brickwork.coordinator.api;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import io.brickwork.common.config.SettingsException;
import io.brickwork.common.validation.Validation;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the API keeps the spec in force, so that status compares against it after a restart:
 * in {@code state-dir}, beside the cluster CA.
 */
public record ApiSettings(Path stateDir) {
    public ApiSettings {
        requireNonNull(stateDir, "stateDir is null");
    }

    /** @param coordinator the {@code brickwork.coordinator} section */
    public static ApiSettings from(Config coordinator) {
        String stateDir = coordinator.getString("state-dir");
        Validation.absolutePathProblem(stateDir).ifPresent(problem -> {
            throw new SettingsException(List.of(
                    "brickwork.coordinator.state-dir = '" + stateDir + "': " + problem));
        });
        return new ApiSettings(Path.of(stateDir));
    }
}
