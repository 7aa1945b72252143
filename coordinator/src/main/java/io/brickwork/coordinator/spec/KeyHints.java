package io.brickwork.coordinator.spec;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The problem text for an unknown key: the closest known key, else every known key. */
final class KeyHints {
    private KeyHints() {}

    static String unknownKey(String key, List<String> known) {
        return known.stream()
                .min(Comparator.comparingInt(candidate -> distance(candidate, key)))
                .filter(candidate -> distance(candidate, key) <= Math.max(2, key.length() / 3))
                .map(candidate -> "unknown key; did you mean " + candidate + "?")
                .orElse("unknown key; expected one of " + String.join(", ", known));
    }

    /**
     * Levenshtein distance, case-insensitive ({@code Replica} is a typo of {@code replica}).
     * Same measure as {@code ConfigChecks}, whose message format assumes dotted paths.
     */
    static int distance(String a, String b) {
        String left = a.toLowerCase(Locale.ROOT);
        String right = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[right.length() + 1];
        int[] current = new int[right.length() + 1];
        for (int j = 0; j <= right.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= left.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= right.length(); j++) {
                int cost = left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[right.length()];
    }
}
