package io.brickwork.agent.enroll;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where {@code join} takes its token from. A token on the command line is visible to every
 * local user (ps, /proc/PID/cmdline) while the process runs; a file or stdin is not.
 */
public sealed interface TokenSource {
    /** Far above a token's length (BWTKN-1-... is under 200 characters); a bound on what is read. */
    int MAX_BYTES = 4096;

    /** {@code --token TOKEN}. */
    record Inline(String token) implements TokenSource {
        public Inline {
            requireNonNull(token, "token is null");
        }

        @Override
        public String toString() {
            return "--token (hidden)";
        }
    }

    /** {@code --token-file FILE}. */
    record File(Path path) implements TokenSource {
        public File {
            requireNonNull(path, "path is null");
        }
    }

    /** {@code --token-file -}. */
    record Stdin() implements TokenSource {}

    /** The token text: the first line, without surrounding whitespace. */
    default String read(InputStream stdin) throws JoinException {
        String text;
        if (this instanceof Inline inline) {
            text = inline.token();
        } else if (this instanceof File file) {
            text = readFile(file.path());
        } else {
            try {
                text = new String(stdin.readNBytes(MAX_BYTES + 1), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new JoinException("cannot read the join token from stdin: " + e.getMessage(), e);
            }
            if (text.length() > MAX_BYTES) {
                throw new JoinException("stdin holds more than " + MAX_BYTES + " bytes; expected one join token");
            }
        }
        String firstLine = text.strip().lines().findFirst().orElse("").strip();
        if (firstLine.isEmpty()) {
            throw new JoinException("the join token is empty (" + this + ")");
        }
        return firstLine;
    }

    private static String readFile(Path path) throws JoinException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            // A FIFO or device would block or never end; a link could point anywhere root can read.
            if (!attributes.isRegularFile()) {
                throw new JoinException("--token-file " + path + " is not a regular file");
            }
            if (attributes.size() > MAX_BYTES) {
                throw new JoinException("--token-file " + path + " is " + attributes.size() + " bytes; expected one"
                        + " join token");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JoinException("cannot read --token-file " + path + ": " + e, e);
        }
    }
}
