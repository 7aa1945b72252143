package io.brickwork.agent.audit;

/**
 * The few JSON pieces an audit line needs. Everything outside printable ASCII is written as a
 * \\u escape: the log then shows a look-alike or a terminal escape sequence for what it is.
 */
final class JsonText {
    private JsonText() {}

    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                append(out, c);
            }
        }
        return out.append('"').toString();
    }

    /**
     * Escapes the non-ASCII characters of a JSON text. In valid JSON they occur only inside
     * strings, where a \\u escape means the same character.
     */
    static String asciiOnly(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c >= 0x7f) {
                append(out, c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, char c) {
        if (c < 0x20 || c >= 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
        } else {
            out.append(c);
        }
    }
}
