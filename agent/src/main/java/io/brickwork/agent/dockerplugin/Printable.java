package io.brickwork.agent.dockerplugin;

/**
 * Text from a request, made safe to quote in an error and a log line: control characters and
 * everything outside printable ASCII become \\u escapes, and it is cut at 80 characters.
 */
final class Printable {
    private static final int MAX = 80;

    private Printable() {}

    static String of(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return text.length() > MAX ? out + "..." : out.toString();
    }
}
