package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.token.JoinToken;
import io.brickwork.proto.coordinator.state.v1.StoredToken;
import io.brickwork.proto.coordinator.state.v1.TokenFile;
import io.brickwork.proto.coordinator.v1.TokenInfo;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The coordinator's join tokens ({@link JoinToken}): created with an expiry and a number of
 * uses, revocable, and stored as the SHA-256 of their secret only.
 */
public final class JoinTokens {
    private final Path file;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public JoinTokens(Path file, Clock clock) {
        this.file = requireNonNull(file, "file is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Why a token was not accepted; the message is safe to show the caller. */
    public static final class RejectedTokenException extends Exception {
        public RejectedTokenException(String message) {
            super(message);
        }
    }

    public synchronized CreatedToken create(String caFingerprint, Duration ttl, int uses, String createdBy) {
        return create(caFingerprint, ttl, uses, createdBy, Binding.ANY_NODE);
    }

    /**
     * What a token may enroll: any node name, or one name only, and whether it may take that
     * name from a node that still holds a live certificate (a replacement the operator asked for).
     */
    public record Binding(String node, boolean replace) {
        public static final Binding ANY_NODE = new Binding("", false);

        public Binding {
            requireNonNull(node, "node is null");
            if (replace && node.isEmpty()) {
                throw new IllegalArgumentException("a replacing token must name its node");
            }
        }

        boolean allows(String joining) {
            return node.isEmpty() || node.equalsIgnoreCase(joining);
        }
    }

    /** A token that passed every check: its public id and what it may enroll. */
    public record Grant(String id, Binding binding) {}

    public synchronized CreatedToken create(String caFingerprint, Duration ttl, int uses, String createdBy,
            Binding binding) {
        requireNonNull(binding, "binding is null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        if (uses < 1) {
            throw new IllegalArgumentException("uses must be at least 1");
        }
        byte[] id = new byte[4];
        byte[] secret = new byte[20];
        random.nextBytes(id);
        random.nextBytes(secret);
        String idHex = HexFormat.of().formatHex(id);
        String secretHex = HexFormat.of().formatHex(secret);
        long now = clock.millis();
        StoredToken stored = StoredToken.newBuilder()
                .setId(idHex)
                .setSecretSha256(ByteString.copyFrom(sha256(secretHex)))
                .setCreatedUnixMs(now)
                .setExpiresUnixMs(now + ttl.toMillis())
                .setUsesLeft(uses)
                .setCreatedBy(createdBy)
                .setNode(binding.node())
                .setReplace(binding.replace())
                .build();
        ProtoFiles.write(file, load().toBuilder().addTokens(stored).build());
        return new CreatedToken(new JoinToken(caFingerprint, idHex, secretHex).text(), info(stored));
    }

    public record CreatedToken(String token, TokenInfo info) {}

    /**
     * Checks the token for a join as {@code node} without using it up: for the checks that come
     * between a valid token and a certificate (whether the name is free), so that a refused join
     * does not cost the operator a use.
     */
    public synchronized Grant check(String token, String caFingerprint, String node) throws RejectedTokenException {
        TokenFile tokens = load();
        return grant(tokens, find(tokens, token, caFingerprint, node));
    }

    /**
     * Checks the token for a join as {@code node} and uses it up once. Persisted before
     * returning, so a crash right after cannot hand out a single-use token twice.
     */
    public synchronized Grant consume(String token, String caFingerprint, String node) throws RejectedTokenException {
        TokenFile tokens = load();
        int i = find(tokens, token, caFingerprint, node);
        StoredToken stored = tokens.getTokens(i);
        ProtoFiles.write(file, tokens.toBuilder()
                .setTokens(i, stored.toBuilder().setUsesLeft(stored.getUsesLeft() - 1))
                .build());
        return grant(tokens, i);
    }

    private static Grant grant(TokenFile tokens, int index) {
        StoredToken stored = tokens.getTokens(index);
        return new Grant(stored.getId(), new Binding(stored.getNode(), stored.getReplace() && !stored.getNode().isEmpty()));
    }

    /** @return the index of the stored token that {@code token} is and that may enroll {@code node} now */
    private int find(TokenFile tokens, String token, String caFingerprint, String node) throws RejectedTokenException {
        JoinToken parsed = JoinToken.parse(token).orElseThrow(() -> new RejectedTokenException("malformed join token"));
        if (!MessageDigest.isEqual(parsed.caFingerprint().getBytes(StandardCharsets.US_ASCII),
                caFingerprint.getBytes(StandardCharsets.US_ASCII))) {
            throw new RejectedTokenException("join token is for another cluster CA");
        }
        for (int i = 0; i < tokens.getTokensCount(); i++) {
            StoredToken stored = tokens.getTokens(i);
            if (!stored.getId().equals(parsed.id())) {
                continue;
            }
            if (!MessageDigest.isEqual(stored.getSecretSha256().toByteArray(), sha256(parsed.secret()))) {
                break;
            }
            if (stored.getRevoked()) {
                throw new RejectedTokenException("join token " + stored.getId() + " was revoked");
            }
            if (clock.millis() >= stored.getExpiresUnixMs()) {
                throw new RejectedTokenException("join token " + stored.getId() + " has expired");
            }
            if (stored.getUsesLeft() == 0) {
                throw new RejectedTokenException("join token " + stored.getId() + " has been used up");
            }
            if (!new Binding(stored.getNode(), false).allows(node)) {
                throw new RejectedTokenException("join token " + stored.getId() + " is for node " + stored.getNode()
                        + " only, not " + node);
            }
            return i;
        }
        // Same message for "no such id" and "wrong secret": an attacker learns nothing about ids.
        throw new RejectedTokenException("unknown join token");
    }

    /** @return whether a token with that id existed */
    public synchronized boolean revoke(String id) {
        TokenFile tokens = load();
        for (int i = 0; i < tokens.getTokensCount(); i++) {
            if (tokens.getTokens(i).getId().equals(id)) {
                ProtoFiles.write(file, tokens.toBuilder()
                        .setTokens(i, tokens.getTokens(i).toBuilder().setRevoked(true)).build());
                return true;
            }
        }
        return false;
    }

    public synchronized List<TokenInfo> list() {
        return load().getTokensList().stream().map(JoinTokens::info).toList();
    }

    private TokenFile load() {
        return ProtoFiles.read(file, TokenFile.parser(), TokenFile.getDefaultInstance());
    }

    private static TokenInfo info(StoredToken stored) {
        return TokenInfo.newBuilder()
                .setId(stored.getId())
                .setCreatedUnixMs(stored.getCreatedUnixMs())
                .setExpiresUnixMs(stored.getExpiresUnixMs())
                .setUsesLeft(stored.getUsesLeft())
                .setRevoked(stored.getRevoked())
                .setCreatedBy(stored.getCreatedBy())
                .setNode(stored.getNode())
                .setReplace(stored.getReplace())
                .build();
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
