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
        return load(rootPath, file.stream().toList(), systemProperties);
    }

    /**
     * @param files config files, most important first; each must exist
     */
    public static Config load(String rootPath, List<Path> files, Properties systemProperties) {
        Config reference = ConfigFactory.defaultReference(SettingsLoader.class.getClassLoader());
        Config merged = ConfigFactory.parseProperties(systemProperties);
        for (Path path : files) {
            if (!Files.isRegularFile(path)) {
                throw new SettingsException(List.of("config file " + path + " does not exist or is not a file"));
            }
            try {
                merged = merged.withFallback(
                        ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)));
            } catch (ConfigException e) {
                throw new SettingsException(List.of(e.getMessage()));
            }
        }
        try {
            merged = merged.withFallback(reference).resolve();
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
