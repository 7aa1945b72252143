package io.brickwork.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedCaTrustManagerTest {
    @TempDir
    Path temp;

    private static X509Certificate[] chain(X509Certificate... certificates) {
        return certificates;
    }

    private static X509Certificate coordinatorLeaf(CertificateAuthority ca) {
        return ca.issue(KeyPairs.generate().getPublic(), new Identity(Role.COORDINATOR, "brickwork-coordinator"),
                Duration.ofDays(30), List.of("brickwork-coordinator"), List.of());
    }

    @Test
    void acceptsTheCoordinatorChainOfThePinnedCaAndRemembersTheCa() throws Exception {
        CertificateAuthority ca = TestCertificates.ca(temp.resolve("ca"));
        PinnedCaTrustManager trust = new PinnedCaTrustManager(ca.fingerprint());
        assertEquals(Optional.empty(), trust.pinnedCa());
        trust.checkServerTrusted(chain(coordinatorLeaf(ca), ca.certificate()), "ECDHE_ECDSA");
        assertEquals(Optional.of(ca.certificate()), trust.pinnedCa());
    }

    @Test
    void acceptsServerMaterialAsIs() throws Exception {
        CertificateAuthority ca = TestCertificates.ca(temp.resolve("ca"));
        ServerKeyMaterial material = ca.serverMaterial(temp.resolve("ca"), List.of(), List.of(), Duration.ofDays(90));
        new PinnedCaTrustManager(ca.fingerprint())
                .checkServerTrusted(material.chain().toArray(new X509Certificate[0]), "ECDHE_ECDSA");
    }

    @Test
    void rejectsAChainFromAnotherCaNamingBothFingerprints() {
        CertificateAuthority pinned = TestCertificates.ca(temp.resolve("pinned"));
        CertificateAuthority other = TestCertificates.ca(temp.resolve("other"));
        PinnedCaTrustManager trust = new PinnedCaTrustManager(pinned.fingerprint());
        CertificateException e = assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(chain(coordinatorLeaf(other), other.certificate()), "ECDHE_ECDSA"));
        assertEquals("coordinator's CA is sha256:" + other.fingerprint() + " but the token pins sha256:"
                + pinned.fingerprint(), e.getMessage());
        assertEquals(Optional.empty(), trust.pinnedCa());
    }

    @Test
    void rejectsALeafWithoutItsCa() {
        CertificateAuthority ca = TestCertificates.ca(temp.resolve("ca"));
        X509Certificate leaf = coordinatorLeaf(ca);
        CertificateException e = assertThrows(CertificateException.class,
                () -> new PinnedCaTrustManager(ca.fingerprint()).checkServerTrusted(chain(leaf), "ECDHE_ECDSA"));
        assertTrue(e.getMessage().contains("sha256:" + Fingerprints.sha256(leaf)), e.getMessage());
    }

    @Test
    void rejectsTheRightCaWithALeafFromAnotherCa() {
        CertificateAuthority pinned = TestCertificates.ca(temp.resolve("pinned"));
        CertificateAuthority other = TestCertificates.ca(temp.resolve("other"));
        CertificateException e = assertThrows(CertificateException.class,
                () -> new PinnedCaTrustManager(pinned.fingerprint())
                        .checkServerTrusted(chain(coordinatorLeaf(other), pinned.certificate()), "ECDHE_ECDSA"));
        assertTrue(e.getMessage().contains("not issued by the pinned CA"), e.getMessage());
    }

    @Test
    void rejectsAnExpiredLeaf() {
        Path dir = temp.resolve("ca");
        CertificateAuthority past = CertificateAuthority.loadOrCreate(dir,
                TestCertificates.fixedAt(Instant.now().minus(Duration.ofDays(60))));
        X509Certificate expired = coordinatorLeaf(past);
        CertificateException e = assertThrows(CertificateException.class,
                () -> new PinnedCaTrustManager(past.fingerprint())
                        .checkServerTrusted(chain(expired, past.certificate()), "ECDHE_ECDSA"));
        assertTrue(e.getMessage().contains("not valid now"), e.getMessage());
    }

    @Test
    void rejectsALeafWithoutServerAuth() {
        CertificateAuthority ca = TestCertificates.ca(temp.resolve("ca"));
        X509Certificate node = ca.issue(KeyPairs.generate().getPublic(), new Identity(Role.NODE, "node1"),
                Duration.ofDays(30), List.of(), List.of());
        CertificateException e = assertThrows(CertificateException.class,
                () -> new PinnedCaTrustManager(ca.fingerprint())
                        .checkServerTrusted(chain(node, ca.certificate()), "ECDHE_ECDSA"));
        assertTrue(e.getMessage().contains("serverAuth"), e.getMessage());
    }

    @Test
    void rejectsAnEmptyChain() {
        CertificateAuthority ca = TestCertificates.ca(temp.resolve("ca"));
        assertThrows(CertificateException.class,
                () -> new PinnedCaTrustManager(ca.fingerprint()).checkServerTrusted(new X509Certificate[0], "RSA"));
    }

    @Test
    void refusesToCheckClients() {
        CertificateAuthority ca = TestCertificates.ca(temp.resolve("ca"));
        assertThrows(CertificateException.class, () -> new PinnedCaTrustManager(ca.fingerprint())
                .checkClientTrusted(chain(coordinatorLeaf(ca), ca.certificate()), "ECDHE_ECDSA"));
    }

    @Test
    void refusesAMalformedPin() {
        assertThrows(IllegalArgumentException.class, () -> new PinnedCaTrustManager("abc"));
        assertThrows(IllegalArgumentException.class, () -> new PinnedCaTrustManager("z".repeat(64)));
    }
}
