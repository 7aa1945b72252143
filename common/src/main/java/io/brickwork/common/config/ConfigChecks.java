package io.brickwork.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Strict checks Typesafe Config does not do by itself: unknown keys, with a "did you mean". */
public final class ConfigChecks {
    private ConfigChecks() {}

    /**
     * Problems for every key under {@code path} in {@code config} that the reference does not
     * define, plus every wrong type ({@link Config#checkValid}).
     */
    public static List<String> against(Config reference, Config config, String path) {
        List<String> problems = new ArrayList<>();
        Set<String> known = new TreeSet<>();
        Config referenceSection = reference.hasPath(path) ? reference.getConfig(path) : reference;
        for (Map.Entry<String, ConfigValue> entry : referenceSection.entrySet()) {
            known.add(entry.getKey());
        }
        if (config.hasPath(path)) {
            for (Map.Entry<String, ConfigValue> entry : config.getConfig(path).entrySet()) {
                String key = entry.getKey();
                if (!known.contains(key)) {
                    problems.add(unknownKey(path + "." + key, key, known, path));
                }
            }
        }
        try {
            config.checkValid(reference, path);
        } catch (ConfigException.ValidationFailed e) {
            for (ConfigException.ValidationProblem problem : e.problems()) {
                problems.add(problem.path() + ": " + problem.problem());
            }
        }
        return problems;
    }

    public static String unknownKey(String fullKey, String key, Set<String> known, String prefix) {
        String suggestion = KeySuggestions.closest(key, known)
                .map(candidate -> " (did you mean " + prefix + "." + candidate + "?)")
                .orElse("");
        return fullKey + ": unknown key" + suggestion;
    }
}
