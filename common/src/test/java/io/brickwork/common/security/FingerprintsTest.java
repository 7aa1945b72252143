package io.brickwork.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintsTest {
    @TempDir
    Path dir;

    @Test
    void isLowercaseHexOfSha256OverTheDer() throws Exception {
        X509Certificate certificate = TestCertificates.ca(dir).certificate();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(certificate.getEncoded()));
        assertEquals(expected, Fingerprints.sha256(certificate));
        assertEquals(expected, Fingerprints.sha256(certificate.getEncoded()));
        assertTrue(Fingerprints.sha256(certificate).matches("[0-9a-f]{64}"));
    }

    @Test
    void matchesItsOwnFingerprintInEitherCase() {
        X509Certificate certificate = TestCertificates.ca(dir).certificate();
        String fingerprint = Fingerprints.sha256(certificate);
        assertTrue(Fingerprints.matches(fingerprint, certificate));
        assertTrue(Fingerprints.matches(fingerprint.toUpperCase(Locale.ROOT), certificate));
    }

    @Test
    void doesNotMatchAnotherCertificate() {
        X509Certificate certificate = TestCertificates.ca(dir.resolve("a")).certificate();
        String other = Fingerprints.sha256(TestCertificates.ca(dir.resolve("b")).certificate());
        assertFalse(Fingerprints.matches(other, certificate));
    }

    @Test
    void malformedExpectationMatchesNothing() {
        X509Certificate certificate = TestCertificates.ca(dir).certificate();
        String fingerprint = Fingerprints.sha256(certificate);
        assertFalse(Fingerprints.matches(null, certificate));
        assertFalse(Fingerprints.matches("", certificate));
        assertFalse(Fingerprints.matches("sha256:" + fingerprint, certificate));
        assertFalse(Fingerprints.matches(fingerprint.substring(2), certificate));
        assertFalse(Fingerprints.matches(fingerprint.substring(1) + "g", certificate));
    }
}
