package io.brickwork.coordinator.spec;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigUtil;

/**
 * One problem with a spec: where it is ({@code volumes[0].replica}), what the document says
 * there (null when the key is missing, or when the document could not be read at all), and
 * what is wrong with it.
 *
 * <p>{@code key} is empty for problems of the whole document, such as a syntax error; the
 * problem then carries the parser's message with the line number.
 */
public record Violation(String key, String value, String problem) {
    public Violation {
        requireNonNull(key, "key is null");
        requireNonNull(problem, "problem is null");
    }

    /** {@code volumes[0].replica = 4: larger than the number of nodes (3)}. */
    @Override
    public String toString() {
        if (key.isEmpty()) {
            return problem;
        }
        if (value == null) {
            return key + ": " + problem;
        }
        return key + " = " + displayed(value) + ": " + problem;
    }

    /** Quoted only when the bare text would hide what is wrong with it (empty, spaces, controls). */
    private static String displayed(String value) {
        boolean plain = !value.isEmpty() && value.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
        return plain ? value : ConfigUtil.quoteString(value);
    }
}
