package io.brickwork.agent.glustertls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.common.security.CertificateAuthority;
import io.brickwork.common.security.Csr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlusterTlsTest {
    @TempDir
    Path dir;
    private CertificateAuthority ca;
    private CertificateAuthority otherCa;
    private final List<byte[]> requests = new ArrayList<>();
    private GlusterTlsFiles files;

    @BeforeEach
    void setUp() {
        ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), Clock.systemUTC());
        otherCa = CertificateAuthority.loadOrCreate(dir.resolve("other-ca"), Clock.systemUTC());
        files = new GlusterTlsFiles(dir.resolve("state/gluster-tls"), dir.resolve("ssl"));
    }

    private GlusterTls tls(CertificateAuthority signer, String name, Duration validity, Clock clock) {
        return new GlusterTls(files, csr -> {
            requests.add(csr);
            try {
                return new GlusterCertificateIssuer.Issued(signer.issueGluster(Csr.parse(csr).publicKey(), name, validity),
                        signer.certificate());
            } catch (Exception e) {
                throw new GlusterCertificateIssuer.IssueException(e.getMessage(), e);
            }
        }, "node1", ca::certificate, clock);
    }

    @Test
    void obtainInstallsKeyCertificateAndCaBehindTheThreeNamesGlusterReads() throws Exception {
        GlusterTls tls = tls(ca, "node1", Duration.ofDays(7), Clock.systemUTC());
        assertEquals(1, tls.problems().size());

        X509Certificate certificate = tls.obtain();

        assertEquals(List.of(), tls.problems());
        assertTrue(Files.isSymbolicLink(dir.resolve("ssl/glusterfs.pem")));
        assertTrue(Files.isSymbolicLink(dir.resolve("ssl/glusterfs.key")));
        assertEquals(Optional.of(certificate), tls.certificate());
        assertEquals(Optional.of("node1"), GlusterTls.commonName(certificate));
        assertTrue(certificate.getExtendedKeyUsage().containsAll(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")),
                "gluster serves and dials with the same certificate");
    }

    @Test
    void aRenewalReplacesTheSetAndLeavesOnlyTheNewPair() throws Exception {
        GlusterTls tls = tls(ca, "node1", Duration.ofDays(7), Clock.systemUTC());
        X509Certificate first = tls.obtain();
        // A week later than now: two thirds of the first one's life have passed.
        GlusterTls later = tls(ca, "node1", Duration.ofDays(7),
                Clock.fixed(Instant.now().plus(Duration.ofDays(6)), ZoneOffset.UTC));

        assertTrue(later.renewIfDue());

        X509Certificate second = later.certificate().orElseThrow();
        assertFalse(second.equals(first));
        try (var pairs = Files.list(dir.resolve("state/gluster-tls"))) {
            assertEquals(1, pairs.filter(path -> path.getFileName().toString().startsWith("pair-")).count());
        }
    }

    @Test
    void aFreshCertificateIsNotRenewedAndANodeWithoutOneGetsNoneFromTheRenewer() throws Exception {
        GlusterTls tls = tls(ca, "node1", Duration.ofDays(7), Clock.systemUTC());
        assertFalse(tls.renewIfDue());
        assertEquals(0, requests.size());

        tls.obtain();
        assertFalse(tls.renewIfDue());
        assertEquals(1, requests.size());
    }

    @Test
    void aCertificateFromAnotherCaIsNotInstalled() {
        GlusterTls tls = tls(otherCa, "node1", Duration.ofDays(7), Clock.systemUTC());

        assertThrows(GlusterCertificateIssuer.IssueException.class, tls::obtain);
        assertFalse(Files.exists(dir.resolve("ssl/glusterfs.pem")));
    }

    @Test
    void aCertificateForAnotherNameIsNotInstalled() {
        GlusterTls tls = tls(ca, "node2", Duration.ofDays(7), Clock.systemUTC());

        assertThrows(GlusterCertificateIssuer.IssueException.class, tls::obtain);
        assertFalse(Files.exists(dir.resolve("ssl/glusterfs.pem")));
    }

    @Test
    void someoneElsesFileAtAGlusterNameIsKeptAsABackup() throws Exception {
        Files.createDirectories(dir.resolve("ssl"));
        Files.writeString(dir.resolve("ssl/glusterfs.pem"), "operator's own");

        tls(ca, "node1", Duration.ofDays(7), Clock.systemUTC()).obtain();

        assertEquals("operator's own", Files.readString(dir.resolve("ssl/glusterfs.pem.brickwork-backup")));
        assertTrue(files.linked());
    }
}
