package io.brickwork.common.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
    @TempDir
    Path dir;

    @Test
    void certificateRoundTrips() {
        X509Certificate certificate = TestCertificates.ca(dir).certificate();
        String pem = Pem.encode(certificate);
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertTrue(pem.endsWith("-----END CERTIFICATE-----\n"));
        assertEquals(certificate, Pem.certificate(pem));
    }

    @Test
    void chainRoundTripsInOrderIgnoringTextAround() {
        CertificateAuthority ca = TestCertificates.ca(dir);
        X509Certificate leaf = ca.issue(KeyPairs.generate().getPublic(), new Identity(Role.NODE, "n1"),
                TestCertificates.DAY, List.of(), List.of());
        String pem = "leaf:\n" + Pem.encode(leaf) + "\nissuer:\n" + Pem.encode(ca.certificate()) + "trailing words";
        assertEquals(List.of(leaf, ca.certificate()), Pem.certificates(pem));
    }

    @Test
    void certificateRefusesTwo() {
        X509Certificate certificate = TestCertificates.ca(dir).certificate();
        PemException e = assertThrows(PemException.class,
                () -> Pem.certificate(Pem.encode(certificate) + Pem.encode(certificate)));
        assertTrue(e.getMessage().contains("found 2"), e.getMessage());
    }

    @Test
    void ecPrivateKeyRoundTrips() {
        PrivateKey key = KeyPairs.generate().getPrivate();
        PrivateKey decoded = Pem.privateKey(Pem.encode(key));
        assertEquals("EC", decoded.getAlgorithm());
        assertArrayEquals(key.getEncoded(), decoded.getEncoded());
    }

    @Test
    void rsaPrivateKeyRoundTrips() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        PrivateKey decoded = Pem.privateKey(Pem.encode(key));
        assertEquals("RSA", decoded.getAlgorithm());
        assertArrayEquals(key.getEncoded(), decoded.getEncoded());
    }

    @Test
    void garbageIsRefusedWithAClearMessage() {
        PemException e = assertThrows(PemException.class, () -> Pem.certificate("hello"));
        assertTrue(e.getMessage().contains("no PEM block"), e.getMessage());
        assertThrows(PemException.class, () -> Pem.privateKey(""));
    }

    @Test
    void invalidBase64IsRefused() {
        PemException e = assertThrows(PemException.class,
                () -> Pem.certificate("-----BEGIN CERTIFICATE-----\nMII*notbase64\n-----END CERTIFICATE-----\n"));
        assertTrue(e.getMessage().contains("base64"), e.getMessage());
    }

    @Test
    void missingEndLineIsRefused() {
        String pem = Pem.encode(TestCertificates.ca(dir).certificate());
        assertThrows(PemException.class, () -> Pem.certificate(pem.substring(0, pem.indexOf("-----END"))));
    }

    @Test
    void validBase64ThatIsNoCertificateIsRefused() {
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getEncoder().encodeToString(new byte[] {48, 3, 2, 1, 1})
                + "\n-----END CERTIFICATE-----\n";
        PemException e = assertThrows(PemException.class, () -> Pem.certificate(pem));
        assertTrue(e.getMessage().contains("not a valid X.509 certificate"), e.getMessage());
    }

    @Test
    void aKeyIsNotACertificate() {
        String key = Pem.encode(KeyPairs.generate().getPrivate());
        PemException e = assertThrows(PemException.class, () -> Pem.certificate(key));
        assertTrue(e.getMessage().contains("PRIVATE KEY"), e.getMessage());
    }

    @Test
    void sec1KeyIsRefusedWithTheConversionCommand() {
        KeyPair keyPair = KeyPairs.generate();
        String sec1 = Pem.encode(keyPair.getPrivate()).replace("PRIVATE KEY", "EC PRIVATE KEY");
        PemException e = assertThrows(PemException.class, () -> Pem.privateKey(sec1));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8"), e.getMessage());
    }

    @Test
    void truncatedKeyIsRefused() {
        byte[] der = KeyPairs.generate().getPrivate().getEncoded();
        byte[] truncated = java.util.Arrays.copyOf(der, der.length / 2);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(truncated)
                + "\n-----END PRIVATE KEY-----\n";
        assertThrows(PemException.class, () -> Pem.privateKey(pem));
    }

    @Test
    void keyOfAnotherAlgorithmIsRefusedNamingItsOid() throws Exception {
        PrivateKey ed25519 = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        PemException e = assertThrows(PemException.class, () -> Pem.privateKey(Pem.encode(ed25519)));
        assertTrue(e.getMessage().contains("1.3.101.112") && e.getMessage().contains("not supported"), e.getMessage());
    }

    @Test
    void rsaKeyRoundTrips() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        assertEquals(key, Pem.privateKey(Pem.encode(key)));
    }

    @Test
    void keyThatIsNotDerIsRefused() {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(new byte[] {0x30, 0x7f, 0x02})
                + "\n-----END PRIVATE KEY-----\n";
        PemException e = assertThrows(PemException.class, () -> Pem.privateKey(pem));
        assertTrue(e.getMessage().contains("PKCS#8"), e.getMessage());
    }
}
