package io.brickwork.coordinator.spec;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * Bounds that keep reading a spec cheap, whatever the document says. Typesafe Config parses
 * and resolves recursively and without limits: a few thousand nested brackets overflow the
 * stack, a few substitutions that each repeat the one before grow the document exponentially,
 * and joining the values of a long line ({@code [1] [1] [1] ...}) takes time quadratic in its
 * length. A spec needs four levels, a few kilobytes and seldom a substitution; the bounds are
 * well above that.
 */
final class DocumentLimits {
    /**
     * Characters; a spec of a hundred volumes has some tens of thousands. Also bounds the
     * quadratic joining of one line's values to about a second.
     */
    static final int MAX_CHARS = 64 * 1024;
    /** Levels of objects and lists; a spec uses four ({@code volumes[0].mount.path}). */
    static final int MAX_NESTING = 32;
    /**
     * Substitutions: {@code ${...}}, and {@code +=}, which appends to a substitution of its own
     * key. With n of them a document can grow about 3^(n/3)-fold, each repeating the one before
     * three times: 8 keep that below twentyfold, which a 64 MB heap reads in under a second.
     */
    static final int MAX_SUBSTITUTIONS = 8;

    private DocumentLimits() {}

    /**
     * Before Typesafe reads the text: its size, how deep its brackets nest, and how many
     * substitutions it has, found by a scan that skips strings and comments as HOCON does.
     * The problem names the line, as Typesafe's syntax errors do.
     */
    static Optional<Violation> checkText(String text, String origin) {
        if (text.length() > MAX_CHARS) {
            return Optional.of(documentProblem(origin + ": " + text.length() + " characters; a spec may have at most " + MAX_CHARS));
        }
        int depth = 0;
        int substitutions = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("\"\"\"", i)) {
                i = afterTripleQuoted(text, i);
            } else if (c == '"') {
                i = afterQuoted(text, i);
            } else if (c == '#' || text.startsWith("//", i)) {
                i = endOfLine(text, i);
            } else if (text.startsWith("${", i) || text.startsWith("+=", i)) {
                substitutions++;
                if (substitutions > MAX_SUBSTITUTIONS) {
                    return Optional.of(documentProblem(origin + ": " + line(text, i) + ": more than " + MAX_SUBSTITUTIONS
                            + " substitutions (${...} or +=); a spec may have at most " + MAX_SUBSTITUTIONS));
                }
                i = c == '$' ? afterSubstitution(text, i) : i + 2;
            } else if (c == '{' || c == '[') {
                depth++;
                if (depth > MAX_NESTING) {
                    return Optional.of(documentProblem(origin + ": " + line(text, i) + ": nested more than " + MAX_NESTING
                            + " levels deep"));
                }
                i++;
            } else {
                if (c == '}' || c == ']') {
                    depth = Math.max(0, depth - 1);
                }
                i++;
            }
        }
        return Optional.empty();
    }

    /**
     * After resolving: the nesting that path expressions ({@code a.b.c = 1}) and substitutions
     * add to the brackets. Walks with its own stack, since the point is that the tree may be
     * too deep for recursion; the violation names the first key below the limit it finds.
     */
    static Optional<Violation> checkNesting(ConfigObject root) {
        Deque<Located> pending = new ArrayDeque<>();
        pending.push(new Located(root, null, "", 0));
        while (!pending.isEmpty()) {
            Located located = pending.pop();
            if (located.depth() > MAX_NESTING) {
                return Optional.of(new Violation(located.key(), null, "nested more than " + MAX_NESTING + " levels deep"));
            }
            if (located.value() instanceof ConfigObject object) {
                for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
                    pending.push(new Located(entry.getValue(), located, ConfigUtil.joinPath(entry.getKey()), located.depth() + 1));
                }
            } else if (located.value() instanceof ConfigList list) {
                for (int index = 0; index < list.size(); index++) {
                    pending.push(new Located(list.get(index), located, "[" + index + "]", located.depth() + 1));
                }
            }
        }
        return Optional.empty();
    }

    /** A value and the way to it; the key is spelled out only when reported. */
    private record Located(ConfigValue value, Located parent, String segment, int depth) {
        /** {@code volumes[0].mount}: object keys joined by dots, list indexes in brackets. */
        String key() {
            Deque<String> segments = new ArrayDeque<>();
            for (Located at = this; at.parent() != null; at = at.parent()) {
                segments.push(at.segment());
            }
            StringBuilder key = new StringBuilder();
            for (String segment : segments) {
                if (key.length() > 0 && !segment.startsWith("[")) {
                    key.append('.');
                }
                key.append(segment);
            }
            return key.toString();
        }
    }

    private static Violation documentProblem(String problem) {
        return new Violation("", null, problem);
    }

    /** After {@code """..."""}: the first three closing quotes end it, and quotes right after them belong to it. */
    private static int afterTripleQuoted(String text, int start) {
        int end = text.indexOf("\"\"\"", start + 3);
        if (end < 0) {
            return text.length();
        }
        end += 3;
        while (end < text.length() && text.charAt(end) == '"') {
            end++;
        }
        return end;
    }

    /** After {@code "..."} with its escapes; an unterminated string ends at the line, where Typesafe will report it. */
    private static int afterQuoted(String text, int start) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else if (c == '\n') {
                return i;
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** After {@code ${path}}, whose path may have quoted parts. */
    private static int afterSubstitution(String text, int start) {
        int i = start + 2;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                i = afterQuoted(text, i);
            } else if (c == '}') {
                return i + 1;
            } else if (c == '\n') {
                return i;
            } else {
                i++;
            }
        }
        return text.length();
    }

    private static int endOfLine(String text, int start) {
        int end = text.indexOf('\n', start);
        return end < 0 ? text.length() : end;
    }

    private static int line(String text, int index) {
        return 1 + (int) text.substring(0, index).chars().filter(c -> c == '\n').count();
    }
}
