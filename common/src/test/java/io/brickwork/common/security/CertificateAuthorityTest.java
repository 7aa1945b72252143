package io.brickwork.common.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path temp;

    private Path dir() {
        return temp.resolve("pki");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static PublicKey newKey() {
        return KeyPairs.generate().getPublic();
    }

    /** Subject alternative names as "type:value" strings (2 = DNS, 6 = URI, 7 = IP). */
    private static Set<String> sans(X509Certificate certificate) throws Exception {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        return names.stream().map(name -> name.get(0) + ":" + name.get(1)).collect(Collectors.toSet());
    }

    @Test
    void createsOwnerOnlyDirectoryAndKeyAndPublicCertificate() throws IOException {
        CertificateAuthority.loadOrCreate(dir(), Clock.systemUTC());
        assertEquals("rwx------", mode(dir()));
        assertEquals("rw-------", mode(dir().resolve("ca.key")));
        assertEquals("rw-r--r--", mode(dir().resolve("ca.crt")));
        assertTrue(Files.readString(dir().resolve("ca.key")).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    void reloadingGivesTheSameCa() {
        CertificateAuthority created = CertificateAuthority.loadOrCreate(dir(), Clock.systemUTC());
        CertificateAuthority loaded = CertificateAuthority.loadOrCreate(dir(), Clock.systemUTC());
        assertEquals(created.fingerprint(), loaded.fingerprint());
        assertEquals(created.certificate(), loaded.certificate());
    }

    @Test
    void twoCasAreDifferent() {
        assertNotEquals(TestCertificates.ca(temp.resolve("a")).fingerprint(),
                TestCertificates.ca(temp.resolve("b")).fingerprint());
    }

    @Test
    void caCertificateIsASelfSignedP256CaForTenYears() throws Exception {
        X509Certificate ca = CertificateAuthority.loadOrCreate(dir(), TestCertificates.fixedAt(T0)).certificate();
        ca.verify(ca.getPublicKey());
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        assertTrue(ca.getSubjectX500Principal().getName().matches("CN=Brickwork cluster CA [0-9a-f]{8}"),
                ca.getSubjectX500Principal().getName());
        assertEquals(0, ca.getBasicConstraints());
        boolean[] keyUsage = ca.getKeyUsage();
        assertTrue(keyUsage[5] && keyUsage[6], "keyCertSign and cRLSign");
        assertFalse(keyUsage[0], "no digitalSignature");
        assertEquals("SHA256withECDSA", ca.getSigAlgName());
        assertEquals("EC", ca.getPublicKey().getAlgorithm());
        assertEquals(T0.atZone(ZoneOffset.UTC).plusYears(10).toInstant(), ca.getNotAfter().toInstant());
    }

    @Test
    void refusesAGroupReadableKey() throws IOException {
        CertificateAuthority.loadOrCreate(dir(), Clock.systemUTC());
        Files.setPosixFilePermissions(dir().resolve("ca.key"), PosixFilePermissions.fromString("rw-r-----"));
        InsecurePermissionsException e = assertThrows(InsecurePermissionsException.class,
                () -> CertificateAuthority.loadOrCreate(dir(), Clock.systemUTC()));
        assertTrue(e.getMessage().contains("ca.key"), e.getMessage());
    }

    @Test
    void refusesAGroupAccessibleDirectory() throws IOException {
        CertificateAuthority.loadOrCreate(dir(), Clock.systemUTC());
        Files.setPosixFilePermissions(dir(), PosixFilePermissions.fromString("rwxr-x---"));
        assertThrows(InsecurePermissionsException.class,
                () -> CertificateAuthority.loadOrCreate(dir(), Clock.systemUTC()));
    }

    @Test
    void refusesAKeyWithoutItsCertificate() throws IOException {
        CertificateAuthority.loadOrCreate(dir(), Clock.systemUTC());
        Files.delete(dir().resolve("ca.crt"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CertificateAuthority.loadOrCreate(dir(), Clock.systemUTC()));
        assertTrue(e.getMessage().contains("restore"), e.getMessage());
        assertTrue(Files.exists(dir().resolve("ca.key")), "the key is left alone");
    }

    @Test
    void refusesAKeyThatIsNotTheCertificatesKey() throws IOException {
        CertificateAuthority.loadOrCreate(dir(), Clock.systemUTC());
        Files.writeString(dir().resolve("ca.key"), Pem.encode(KeyPairs.generate().getPrivate()));
        assertThrows(IllegalStateException.class, () -> CertificateAuthority.loadOrCreate(dir(), Clock.systemUTC()));
    }

    @Test
    void refusesACorruptCertificate() throws IOException {
        CertificateAuthority.loadOrCreate(dir(), Clock.systemUTC());
        Files.writeString(dir().resolve("ca.crt"), "garbage");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CertificateAuthority.loadOrCreate(dir(), Clock.systemUTC()));
        assertTrue(e.getMessage().contains("ca.crt"), e.getMessage());
    }

    @Test
    void issuedNodeCertificateChainsToTheCa() throws Exception {
        CertificateAuthority ca = TestCertificates.ca(dir());
        X509Certificate node = ca.issue(newKey(), new Identity(Role.NODE, "node1"), Duration.ofDays(30), List.of(),
                List.of());
        node.verify(ca.certificate().getPublicKey());
        assertEquals(ca.certificate().getSubjectX500Principal(), node.getIssuerX500Principal());
        assertEquals(-1, node.getBasicConstraints());
        assertTrue(node.getKeyUsage()[0], "digitalSignature");
    }

    @Test
    void nodeCertificateCarriesItsIdentityAndClientAuthOnly() throws Exception {
        CertificateAuthority ca = TestCertificates.ca(dir());
        Identity identity = new Identity(Role.NODE, "node1");
        X509Certificate node = ca.issue(newKey(), identity, Duration.ofDays(30), List.of(), List.of());
        assertEquals(Set.of("6:brickwork://node/node1"), sans(node));
        assertEquals(List.of(CLIENT_AUTH), node.getExtendedKeyUsage());
        assertEquals(Optional.of(identity), Identity.of(node));
        assertEquals("CN=node1,OU=node,O=Brickwork", node.getSubjectX500Principal().getName());
    }

    @Test
    void adminCertificateHasClientAuthOnly() throws Exception {
        CertificateAuthority ca = TestCertificates.ca(dir());
        X509Certificate admin = ca.issue(newKey(), new Identity(Role.ADMIN, "alice"), Duration.ofDays(30), List.of(),
                List.of());
        assertEquals(List.of(CLIENT_AUTH), admin.getExtendedKeyUsage());
        assertEquals(Optional.of(new Identity(Role.ADMIN, "alice")), Identity.of(admin));
    }

    @Test
    void coordinatorCertificateHasServerAndClientAuth() throws Exception {
        CertificateAuthority ca = TestCertificates.ca(dir());
        X509Certificate coordinator = ca.issue(newKey(), new Identity(Role.COORDINATOR, "c1"), Duration.ofDays(30),
                List.of(), List.of());
        assertEquals(Set.of(SERVER_AUTH, CLIENT_AUTH), Set.copyOf(coordinator.getExtendedKeyUsage()));
    }

    @Test
    void dnsNamesAndIpAddressesFollowTheIdentityUri() throws Exception {
        CertificateAuthority ca = TestCertificates.ca(dir());
        X509Certificate node = ca.issue(newKey(), new Identity(Role.NODE, "node1"), Duration.ofDays(30),
                List.of("Node1.Example"), List.of("10.0.0.5", "::1"));
        assertEquals(Set.of("6:brickwork://node/node1", "2:node1.example", "7:10.0.0.5", "7:0:0:0:0:0:0:0:1"),
                sans(node));
    }

    @Test
    void invalidDnsNameOrIpIsRefused() {
        CertificateAuthority ca = TestCertificates.ca(dir());
        Identity identity = new Identity(Role.NODE, "node1");
        assertThrows(IllegalArgumentException.class,
                () -> ca.issue(newKey(), identity, Duration.ofDays(1), List.of("bad name"), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> ca.issue(newKey(), identity, Duration.ofDays(1), List.of(), List.of("10.0.0.256")));
        assertThrows(IllegalArgumentException.class,
                () -> ca.issue(newKey(), identity, Duration.ofDays(1), List.of(), List.of(":::::")));
    }

    @Test
    void validityStartsFiveMinutesEarlyForClockSkew() {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir(), TestCertificates.fixedAt(T0));
        X509Certificate node = ca.issue(newKey(), new Identity(Role.NODE, "node1"), Duration.ofDays(30), List.of(),
                List.of());
        assertEquals(T0.minus(Duration.ofMinutes(5)), node.getNotBefore().toInstant());
        assertEquals(T0.plus(Duration.ofDays(30)), node.getNotAfter().toInstant());
    }

    @Test
    void certificatesDoNotOutliveTheCa() {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir(), TestCertificates.fixedAt(T0));
        X509Certificate node = ca.issue(newKey(), new Identity(Role.NODE, "node1"), Duration.ofDays(365 * 20),
                List.of(), List.of());
        assertEquals(ca.certificate().getNotAfter(), node.getNotAfter());
    }

    @Test
    void serialsAreRandomPositiveAndAtMost128Bits() {
        CertificateAuthority ca = TestCertificates.ca(dir());
        Identity identity = new Identity(Role.NODE, "node1");
        X509Certificate a = ca.issue(newKey(), identity, Duration.ofDays(1), List.of(), List.of());
        X509Certificate b = ca.issue(newKey(), identity, Duration.ofDays(1), List.of(), List.of());
        assertEquals(1, a.getSerialNumber().signum());
        assertTrue(a.getSerialNumber().bitLength() <= 128);
        assertNotEquals(a.getSerialNumber(), b.getSerialNumber());
    }

    @Test
    void weakKeysAreNotCertified() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        PublicKey weak = generator.generateKeyPair().getPublic();
        CertificateAuthority ca = TestCertificates.ca(dir());
        assertThrows(IllegalArgumentException.class,
                () -> ca.issue(weak, new Identity(Role.NODE, "node1"), Duration.ofDays(1), List.of(), List.of()));
    }

    @Test
    void serverMaterialIsLeafThenCaWithTheCoordinatorNameAlwaysIn() throws Exception {
        CertificateAuthority ca = TestCertificates.ca(dir());
        ServerKeyMaterial material = ca.serverMaterial(dir(), List.of("coord.example"), List.of("127.0.0.1"),
                Duration.ofDays(90));
        assertEquals(2, material.chain().size());
        assertEquals(ca.certificate(), material.chain().get(1));
        X509Certificate leaf = material.leaf();
        leaf.verify(ca.certificate().getPublicKey());
        assertEquals(Set.of("6:brickwork://coordinator/brickwork-coordinator", "2:brickwork-coordinator",
                "2:coord.example", "7:127.0.0.1"), sans(leaf));
        assertTrue(leaf.getExtendedKeyUsage().contains(SERVER_AUTH));
        assertTrue(Signatures.belongTogether(material.key(), leaf.getPublicKey()));
    }

    @Test
    void serverMaterialIsKeptOnDiskPrivately() throws IOException {
        TestCertificates.ca(dir()).serverMaterial(dir(), List.of(), List.of(), Duration.ofDays(90));
        assertEquals("rw-------", mode(dir().resolve("coordinator.key")));
        assertEquals("rw-r--r--", mode(dir().resolve("coordinator.crt")));
    }

    @Test
    void serverMaterialIsReusedWhileFresh() {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir(), TestCertificates.fixedAt(T0));
        ServerKeyMaterial first = ca.serverMaterial(dir(), List.of("a.example"), List.of("10.0.0.1"),
                Duration.ofDays(90));
        CertificateAuthority later = CertificateAuthority.loadOrCreate(dir(),
                TestCertificates.fixedAt(T0.plus(Duration.ofDays(59))));
        ServerKeyMaterial second = later.serverMaterial(dir(), List.of("A.example"), List.of("10.0.0.1"),
                Duration.ofDays(90));
        assertEquals(first.leaf(), second.leaf());
        assertArrayEquals(first.key().getEncoded(), second.key().getEncoded());
    }

    @Test
    void serverMaterialIsReissuedWithinTheLastThirdOfItsLifetime() {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir(), TestCertificates.fixedAt(T0));
        ServerKeyMaterial first = ca.serverMaterial(dir(), List.of(), List.of(), Duration.ofDays(90));
        CertificateAuthority later = CertificateAuthority.loadOrCreate(dir(),
                TestCertificates.fixedAt(T0.plus(Duration.ofDays(61))));
        ServerKeyMaterial second = later.serverMaterial(dir(), List.of(), List.of(), Duration.ofDays(90));
        assertNotEquals(first.leaf(), second.leaf());
        assertFalse(Signatures.belongTogether(second.key(), first.leaf().getPublicKey()), "a new key too");
    }

    @Test
    void serverMaterialIsReissuedWhenTheNamesChange() throws Exception {
        CertificateAuthority ca = TestCertificates.ca(dir());
        ServerKeyMaterial first = ca.serverMaterial(dir(), List.of("a.example"), List.of(), Duration.ofDays(90));
        ServerKeyMaterial second = ca.serverMaterial(dir(), List.of("a.example"), List.of("10.0.0.9"),
                Duration.ofDays(90));
        assertNotEquals(first.leaf(), second.leaf());
        assertTrue(sans(second.leaf()).contains("7:10.0.0.9"));
    }

    @Test
    void serverMaterialIsReissuedWhenTheCertificateIsMissing() throws IOException {
        CertificateAuthority ca = TestCertificates.ca(dir());
        ServerKeyMaterial first = ca.serverMaterial(dir(), List.of(), List.of(), Duration.ofDays(90));
        Files.delete(dir().resolve("coordinator.crt"));
        ServerKeyMaterial second = ca.serverMaterial(dir(), List.of(), List.of(), Duration.ofDays(90));
        assertNotEquals(first.leaf(), second.leaf());
        assertEquals(second.leaf(), Pem.certificate(Files.readString(dir().resolve("coordinator.crt"))));
    }

    @Test
    void serverMaterialFromAnotherCaIsReissued() throws Exception {
        TestCertificates.ca(temp.resolve("old")).serverMaterial(dir(), List.of(), List.of(), Duration.ofDays(90));
        CertificateAuthority ca = TestCertificates.ca(temp.resolve("new"));
        ServerKeyMaterial material = ca.serverMaterial(dir(), List.of(), List.of(), Duration.ofDays(90));
        material.leaf().verify(ca.certificate().getPublicKey());
    }

    @Test
    void serverMaterialRefusesAGroupReadableKey() throws IOException {
        CertificateAuthority ca = TestCertificates.ca(dir());
        ca.serverMaterial(dir(), List.of(), List.of(), Duration.ofDays(90));
        Files.setPosixFilePermissions(dir().resolve("coordinator.key"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThrows(InsecurePermissionsException.class,
                () -> ca.serverMaterial(dir(), List.of(), List.of(), Duration.ofDays(90)));
    }

    @Test
    void serverMaterialDoesNotPrintItsKey() {
        ServerKeyMaterial material = TestCertificates.ca(dir()).serverMaterial(dir(), List.of(), List.of(),
                Duration.ofDays(90));
        assertTrue(material.toString().startsWith("ServerKeyMaterial[leaf sha256:"), material.toString());
    }
}
