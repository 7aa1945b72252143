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
                .build();
        ProtoFiles.write(file, load().toBuilder().addTokens(stored).build());
        return new CreatedToken(new JoinToken(caFingerprint, idHex, secretHex).text(), info(stored));
    }

    public record CreatedToken(String token, TokenInfo info) {}

    /**
     * Checks the token and uses it up once. Persisted before returning, so a crash right after
     * cannot hand out a single-use token twice.
     */
    public synchronized void consume(String token, String caFingerprint) throws RejectedTokenException {
        JoinToken parsed = JoinToken.parse(token).orElseThrow(() -> new RejectedTokenException("malformed join token"));
        if (!MessageDigest.isEqual(parsed.caFingerprint().getBytes(StandardCharsets.US_ASCII),
                caFingerprint.getBytes(StandardCharsets.US_ASCII))) {
            throw new RejectedTokenException("join token is for another cluster CA");
        }
        TokenFile tokens = load();
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
            ProtoFiles.write(file, tokens.toBuilder()
                    .setTokens(i, stored.toBuilder().setUsesLeft(stored.getUsesLeft() - 1))
                    .build());
            return;
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
