package io.brickwork.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {
    @TempDir
    Path dir;

    @Test
    void uriNamesRoleAndName() {
        assertEquals("brickwork://node/node1.example", new Identity(Role.NODE, "node1.example").uri());
        assertEquals("brickwork://admin/alice_b", new Identity(Role.ADMIN, "alice_b").uri());
        assertEquals("brickwork://coordinator/brickwork-coordinator",
                new Identity(Role.COORDINATOR, "brickwork-coordinator").uri());
    }

    @Test
    void fromUriRoundTripsEveryRole() {
        for (Identity identity : List.of(new Identity(Role.NODE, "n1"), new Identity(Role.ADMIN, "a.b_c"),
                new Identity(Role.COORDINATOR, "c1"))) {
            assertEquals(identity, Identity.fromUri(identity.uri()));
        }
    }

    @Test
    void nodeNamesMustBeHostNames() {
        assertThrows(IllegalArgumentException.class, () -> new Identity(Role.NODE, "node_1"));
        assertThrows(IllegalArgumentException.class, () -> new Identity(Role.COORDINATOR, "-c"));
    }

    @Test
    void adminNamesFollowTheNameRule() {
        assertThrows(IllegalArgumentException.class, () -> new Identity(Role.ADMIN, "alice smith"));
        assertThrows(IllegalArgumentException.class, () -> new Identity(Role.ADMIN, ""));
    }

    @Test
    void fromUriRejectsAnythingElse() {
        for (String uri : List.of("https://node/n1", "brickwork://node", "brickwork://node/", "brickwork://root/n1",
                "brickwork://NODE/n1", "brickwork://node/n1/extra", "brickwork://node/n1?x=1",
                "brickwork://node/n%31")) {
            assertThrows(IllegalArgumentException.class, () -> Identity.fromUri(uri), uri);
        }
    }

    @Test
    void ofReadsTheIdentityTheCaIssued() {
        CertificateAuthority ca = TestCertificates.ca(dir);
        Identity identity = new Identity(Role.NODE, "node1");
        assertEquals(Optional.of(identity), Identity.of(ca.issue(KeyPairs.generate().getPublic(), identity,
                TestCertificates.DAY, List.of("node1.example"), List.of("10.0.0.1"))));
    }

    @Test
    void ofIsEmptyWithoutUriSan() {
        assertEquals(Optional.empty(), Identity.of(TestCertificates.ca(dir).certificate()));
    }

    @Test
    void ofIsEmptyWithTwoUriSans() throws Exception {
        assertEquals(Optional.empty(), Identity.of(TestCertificates.selfSignedWith(
                new GeneralName(GeneralName.uniformResourceIdentifier, "brickwork://node/a"),
                new GeneralName(GeneralName.uniformResourceIdentifier, "brickwork://admin/b"))));
    }

    @Test
    void ofIsEmptyForAForeignUri() throws Exception {
        assertEquals(Optional.empty(), Identity.of(TestCertificates.selfSignedWith(
                new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://cluster/node/a"))));
    }
}
