package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.security.Fingerprints;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an operator names one certificate: by its serial number or by its SHA-256 fingerprint.
 * Both are kept in one spelling (lowercase hex, serials without leading zeros) so that what
 * {@code brickwork admin list} prints, what openssl prints and what a call presents compare equal.
 */
public record CertificateReference(Kind kind, String hex) {
    public enum Kind { SERIAL, FINGERPRINT }

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    /** RFC 5280: at most 20 octets. */
    private static final int MAX_SERIAL_HEX = 40;

    public CertificateReference {
        requireNonNull(kind, "kind is null");
        requireNonNull(hex, "hex is null");
    }

    /** Accepts "1f3a…", "1F:3A:…", "sha256:…" and "SHA256 Fingerprint=AB:CD…"-style spellings. */
    public static Optional<CertificateReference> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String hex = text.strip().toLowerCase(Locale.ROOT);
        boolean saysFingerprint = false;
        for (String prefix : new String[] {"sha256 fingerprint=", "sha256:"}) {
            if (hex.startsWith(prefix)) {
                hex = hex.substring(prefix.length());
                saysFingerprint = true;
            }
        }
        hex = hex.replace(":", "");
        if (hex.isEmpty() || !HEX.matcher(hex).matches()) {
            return Optional.empty();
        }
        if (hex.length() == Fingerprints.HEX_LENGTH) {
            return Optional.of(new CertificateReference(Kind.FINGERPRINT, hex));
        }
        if (saysFingerprint || hex.length() > MAX_SERIAL_HEX) {
            return Optional.empty();
        }
        BigInteger serial = new BigInteger(hex, 16);
        return serial.signum() == 0 ? Optional.empty()
                : Optional.of(new CertificateReference(Kind.SERIAL, serial.toString(16)));
    }

    /** The serial number as this class spells it. */
    public static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    @Override
    public String toString() {
        return (kind == Kind.SERIAL ? "serial " : "sha256:") + hex;
    }
}
