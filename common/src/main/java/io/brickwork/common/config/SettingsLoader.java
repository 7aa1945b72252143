package io.brickwork.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Loads a binary's settings: system properties override the config file, which overrides
 * {@code reference.conf}. Unknown keys and wrong types under the binary's root path are errors.
 */
public final class SettingsLoader {
    private SettingsLoader() {}

    public static Config load(String rootPath, Optional<Path> file, Properties systemProperties) {
        Config reference = ConfigFactory.defaultReference(SettingsLoader.class.getClassLoader());
        Config fromFile = ConfigFactory.empty();
        if (file.isPresent()) {
            Path path = file.get();
            if (!Files.isRegularFile(path)) {
                throw new SettingsException(List.of("config file " + path + " does not exist or is not a file"));
            }
            try {
                fromFile = ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            } catch (ConfigException e) {
                throw new SettingsException(List.of(e.getMessage()));
            }
        }
        Config overrides = ConfigFactory.parseProperties(systemProperties);
        Config merged;
        try {
            merged = overrides.withFallback(fromFile).withFallback(reference).resolve();
        } catch (ConfigException e) {
            throw new SettingsException(List.of(e.getMessage()));
        }
        List<String> problems = ConfigChecks.against(reference, merged, rootPath);
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return merged.getConfig(rootPath);
    }
}
