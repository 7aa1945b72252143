package io.brickwork.agent.files;

import java.util.ArrayList;
import java.util.List;

/** Splits text into lines that keep their own terminator, so joining them gives back every byte. */
public final class TextLines {
    private TextLines() {}

    public static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            lines.add(text.substring(start, end));
            start = end;
        }
        return lines;
    }

    /** The line without its terminator. */
    public static String body(String line) {
        return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    }

    /** The text to which a new line can be appended: empty, or ending in a newline. */
    public static String terminated(String text) {
        return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
    }
}
