package io.brickwork.coordinator.spec;

import io.brickwork.common.config.KeySuggestions;
import java.util.List;
import java.util.Optional;

/** The problem text for an unknown key: a known key it begins, or the closest, else every known key. */
final class KeyHints {
    private KeyHints() {}

    static String unknownKey(String key, List<String> known) {
        // Gluster's own spelling, auth.allow, reads in HOCON as the key auth holding allow.
        Optional<String> extended = known.stream().filter(candidate -> candidate.startsWith(key + "-")).findFirst();
        return extended.or(() -> KeySuggestions.closest(key, known))
                .map(candidate -> "unknown key; did you mean " + candidate + "?")
                .orElse("unknown key; expected one of " + String.join(", ", known));
    }
}
