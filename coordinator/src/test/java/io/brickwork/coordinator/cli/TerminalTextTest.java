package io.brickwork.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void escapeSequencesFromANodeNameOrStderrAreShownNotObeyed() {
        assertEquals("node1\\x1b]0;owned\\x07\\x1b[2K\\x0dfake ok", TerminalText.escaped("node1\u001b]0;owned\u0007\u001b[2K\rfake ok"));
    }

    @Test
    void c1ControlsDelAndBidiOverridesAreEscapedToo() {
        assertEquals("a\\x9bb\\x7fc\\u202ed\\u2066e", TerminalText.escaped("a\u009bb\u007fc\u202ed\u2066e"));
    }

    @Test
    void newlinesTabsAndOrdinaryUnicodeStay() {
        assertEquals("node1\tready\nnœud-é ✓\n", TerminalText.escaped("node1\tready\nnœud-é ✓\n"));
    }

    @Test
    void thePrinterEscapesEverythingWrittenThroughIt() {
        StringWriter text = new StringWriter();
        PrintWriter printer = TerminalText.printer(new PrintWriter(text));

        printer.printf("%-6s %s%n", "\u001b[31mx", "ok");

        assertEquals("\\x1b[31mx ok\n", text.toString());
    }
}
