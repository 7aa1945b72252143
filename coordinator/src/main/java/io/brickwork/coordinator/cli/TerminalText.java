package io.brickwork.coordinator.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * What the CLI prints, made harmless for a terminal. Node names, problems, summaries and agents'
 * stderr come from machines an intruder may control; an escape sequence among them could
 * rewrite the screen, hide a line or retitle the window. Every control character but newline
 * and tab, DEL, the C1 controls and the Unicode bidirectional overrides are printed as a visible
 * escape ({@code \x1b}, {@code \u202e}) instead. The CLI prints no escape sequences of its own
 * (its help is uncoloured), so nothing it means to say is lost.
 */
final class TerminalText {
    private TerminalText() {}

    /** A writer that escapes as above and passes the rest to {@code out}; flushes when out would. */
    static PrintWriter printer(PrintWriter out) {
        return new PrintWriter(new Escaping(requireNonNull(out, "out is null")), true);
    }

    /** The text with every character a terminal would act on written as a visible escape. */
    static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            escape(out, text.charAt(i));
        }
        return out.toString();
    }

    private static void escape(StringBuilder out, char c) {
        if (c == '\n' || c == '\t') {
            out.append(c);
        } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            out.append(String.format("\\x%02x", (int) c));
        } else if ((c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
            out.append(String.format("\\u%04x", (int) c));
        } else {
            out.append(c);
        }
    }

    private static final class Escaping extends Writer {
        private final PrintWriter out;

        Escaping(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            StringBuilder text = new StringBuilder(length);
            for (int i = offset; i < offset + length; i++) {
                escape(text, buffer[i]);
            }
            out.write(text.toString());
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
