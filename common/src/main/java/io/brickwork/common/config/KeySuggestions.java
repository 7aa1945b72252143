package io.brickwork.common.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the known key closest to a mistyped one, when it is close enough to be a typo. */
public final class KeySuggestions {
    private KeySuggestions() {}

    public static Optional<String> closest(String key, Collection<String> known) {
        return known.stream()
                .min(Comparator.comparingInt(candidate -> distance(candidate, key)))
                .filter(candidate -> distance(candidate, key) <= Math.max(2, key.length() / 3));
    }

    /** Levenshtein distance, case-insensitive ({@code Replica} is a typo of {@code replica}). */
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
