package io.brickwork.common.token;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A join token, shaped like Swarm's: {@code BWTKN-1-<CA fingerprint>-<id>-<secret>}. The
 * fingerprint (SHA-256 of the CA certificate, hex) lets a joining agent pin the CA before it
 * sends anything; the id names the token for list and revoke; the secret is the credential.
 */
public record JoinToken(String caFingerprint, String id, String secret) {
    private static final Pattern FORMAT = Pattern.compile("BWTKN-1-([0-9a-f]{64})-([0-9a-f]{8})-([0-9a-f]{40})");

    public static Optional<JoinToken> parse(String token) {
        Matcher matcher = FORMAT.matcher(token == null ? "" : token.strip());
        return matcher.matches()
                ? Optional.of(new JoinToken(matcher.group(1), matcher.group(2), matcher.group(3)))
                : Optional.empty();
    }

    public String text() {
        return "BWTKN-1-" + caFingerprint + "-" + id + "-" + secret;
    }

    /** Never print the secret by accident. */
    @Override
    public String toString() {
        return "JoinToken[ca=" + caFingerprint + ", id=" + id + "]";
    }
}
