package io.brickwork.agent.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Finds ways to reach a shell in Java source: Runtime.exec, ProcessBuilder outside the one
 * runner allowed to use it, a shell's absolute path anywhere, and a shell name or "-c" used as
 * an argv element (an argument of List.of, ProcessBuilder, run, ... or an array initializer).
 * It tokenizes rather than greps, so comments, longer strings that merely mention a shell and
 * {@code case "-c" ->} labels are not findings.
 */
final class ShellUseScanner {
    /** A finding: file, line, and what was found. */
    record Finding(String file, int line, String what) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + what;
        }
    }

    private static final Set<String> SHELL_NAMES = Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "csh",
            "tcsh", "fish", "busybox", "env");
    /** Calls whose string arguments become argv elements: static factories by class, methods by name. */
    private static final Set<String> ARGV_FACTORIES = Set.of("List.of", "List.copyOf", "Stream.of", "Arrays.asList");
    private static final Set<String> ARGV_METHODS = Set.of("ProcessBuilder", "command", "run", "exec", "argv", "add",
            "addAll", "expect");

    private enum Kind { IDENTIFIER, STRING, PUNCTUATION }

    private record Token(Kind kind, String text, int line) {
        boolean is(String punctuation) {
            return kind == Kind.PUNCTUATION && text.equals(punctuation);
        }
    }

    private final String allowedProcessBuilderFile;

    /** @param allowedProcessBuilderFile the file name that may use ProcessBuilder (ProcessCommandRunner.java) */
    ShellUseScanner(String allowedProcessBuilderFile) {
        this.allowedProcessBuilderFile = allowedProcessBuilderFile;
    }

    List<Finding> scan(String file, String source) {
        List<Token> tokens = tokenize(source);
        List<Finding> findings = new ArrayList<>();
        // What each open bracket belongs to: the call's name for '(', "[]" for an array initializer.
        Deque<String> brackets = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            Token previous = i > 0 ? tokens.get(i - 1) : null;
            if (token.is("(")) {
                brackets.push(callName(tokens, i));
            } else if (token.is("{")) {
                brackets.push(previous != null && (previous.is("]") || previous.is("=")) ? "[]" : "");
            } else if ((token.is(")") || token.is("}")) && !brackets.isEmpty()) {
                brackets.pop();
            } else if (token.kind() == Kind.IDENTIFIER) {
                identifier(file, tokens, i, findings);
            } else if (token.kind() == Kind.STRING) {
                string(file, token, brackets.isEmpty() ? "" : brackets.peek(), findings);
            }
        }
        return findings;
    }

    private void identifier(String file, List<Token> tokens, int i, List<Finding> findings) {
        Token token = tokens.get(i);
        if (token.text().equals("ProcessBuilder") && !file.endsWith("/" + allowedProcessBuilderFile)
                && !file.equals(allowedProcessBuilderFile)) {
            findings.add(new Finding(file, token.line(), "ProcessBuilder outside " + allowedProcessBuilderFile));
        }
        if (token.text().equals("getRuntime") && i + 4 < tokens.size() && tokens.get(i + 1).is("(")
                && tokens.get(i + 2).is(")") && tokens.get(i + 3).is(".")
                && tokens.get(i + 4).text().equals("exec")) {
            findings.add(new Finding(file, token.line(), "Runtime.getRuntime().exec"));
        }
    }

    private static void string(String file, Token token, String bracket, List<Finding> findings) {
        String text = token.text();
        String fileName = text.substring(text.lastIndexOf('/') + 1);
        if (text.startsWith("/") && SHELL_NAMES.contains(fileName)) {
            findings.add(new Finding(file, token.line(), "shell path \"" + text + "\""));
        } else if ((SHELL_NAMES.contains(text) || text.equals("-c")) && isArgv(bracket)) {
            findings.add(new Finding(file, token.line(), "\"" + text + "\" as an argv element"));
        }
    }

    /** "List.of" for {@code List.of(}, "run" for {@code runner.run(}, "" when no name precedes the parenthesis. */
    private static String callName(List<Token> tokens, int parenthesis) {
        if (parenthesis < 1 || tokens.get(parenthesis - 1).kind() != Kind.IDENTIFIER) {
            return "";
        }
        String name = tokens.get(parenthesis - 1).text();
        if (parenthesis >= 3 && tokens.get(parenthesis - 2).is(".")
                && tokens.get(parenthesis - 3).kind() == Kind.IDENTIFIER) {
            return tokens.get(parenthesis - 3).text() + "." + name;
        }
        return name;
    }

    private static boolean isArgv(String bracket) {
        String method = bracket.substring(bracket.lastIndexOf('.') + 1);
        return bracket.equals("[]") || ARGV_FACTORIES.contains(bracket) || ARGV_METHODS.contains(method);
    }

    /** Identifiers, string literals (text blocks too) and single punctuation characters; comments and chars dropped. */
    private static List<Token> tokenize(String source) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                line += count(source, i, end);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? source.length() : end;
                tokens.add(new Token(Kind.STRING, source.substring(i + 3, end), line));
                line += count(source, i, end);
                i = Math.min(source.length(), end + 3);
            } else if (c == '"' || c == '\'') {
                int end = closing(source, i, c);
                if (c == '"') {
                    tokens.add(new Token(Kind.STRING, source.substring(i + 1, end), line));
                }
                i = Math.min(source.length(), end + 1);
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i;
                while (end < source.length() && Character.isJavaIdentifierPart(source.charAt(end))) {
                    end++;
                }
                tokens.add(new Token(Kind.IDENTIFIER, source.substring(i, end), line));
                i = end;
            } else {
                tokens.add(new Token(Kind.PUNCTUATION, String.valueOf(c), line));
                i++;
            }
        }
        return tokens;
    }

    /** The index of the quote that closes the literal opened at {@code start}, skipping escapes. */
    private static int closing(String source, int start, char quote) {
        int i = start + 1;
        while (i < source.length() && source.charAt(i) != quote && source.charAt(i) != '\n') {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, source.length());
    }

    private static int count(String source, int from, int to) {
        int lines = 0;
        for (int i = from; i < to && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
