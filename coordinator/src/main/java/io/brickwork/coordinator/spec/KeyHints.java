package io.brickwork.coordinator.spec;

import io.brickwork.common.config.KeySuggestions;
import java.util.List;

/** The problem text for an unknown key: the closest known key, else every known key. */
final class KeyHints {
    private KeyHints() {}

    static String unknownKey(String key, List<String> known) {
        return KeySuggestions.closest(key, known)
                .map(candidate -> "unknown key; did you mean " + candidate + "?")
                .orElse("unknown key; expected one of " + String.join(", ", known));
    }
}
