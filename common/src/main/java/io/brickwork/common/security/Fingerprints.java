package io.brickwork.common.security;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;

/** SHA-256 over a certificate's DER, as 64 lowercase hex digits without colons (what join tokens pin). */
public final class Fingerprints {
    public static final int HEX_LENGTH = 64;
    private static final HexFormat HEX = HexFormat.of();

    private Fingerprints() {}

    public static String sha256(X509Certificate certificate) {
        return HEX.formatHex(digest(encoded(certificate)));
    }

    public static String sha256(byte[] der) {
        requireNonNull(der, "der is null");
        return HEX.formatHex(digest(der));
    }

    /**
     * Whether the certificate's fingerprint is {@code expectedHex} (either case), compared in
     * constant time. A malformed expectation (not 64 hex digits) matches nothing.
     */
    public static boolean matches(String expectedHex, X509Certificate certificate) {
        requireNonNull(certificate, "certificate is null");
        Optional<byte[]> expected = decode(expectedHex);
        byte[] actual = digest(encoded(certificate));
        return expected.isPresent() && MessageDigest.isEqual(expected.get(), actual);
    }

    static boolean isWellFormed(String hex) {
        return decode(hex).isPresent();
    }

    private static Optional<byte[]> decode(String hex) {
        if (hex == null || hex.length() != HEX_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        requireNonNull(certificate, "certificate is null");
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
