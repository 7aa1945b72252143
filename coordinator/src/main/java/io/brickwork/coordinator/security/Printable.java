package io.brickwork.coordinator.security;

/** Values from the wire, made safe for a log line: control characters replaced, length capped. */
final class Printable {
    private static final int MAX = 80;

    private Printable() {}

    static String capped(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX + 1));
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
        }
        return text.length() > MAX ? out + "…" : out.toString();
    }
}
