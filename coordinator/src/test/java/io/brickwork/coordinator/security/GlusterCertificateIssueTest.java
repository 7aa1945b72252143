package io.brickwork.coordinator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.brickwork.common.security.Csr;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.KeyPairs;
import io.brickwork.common.security.Pem;
import io.brickwork.common.security.Role;
import io.brickwork.proto.agent.v1.EnrollmentGrpc;
import io.brickwork.proto.agent.v1.IssueGlusterCertificateRequest;
import io.brickwork.proto.agent.v1.IssueGlusterCertificateResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node asks the cluster CA for gluster's certificate over its own mutual-TLS identity. */
class GlusterCertificateIssueTest {
    @RegisterExtension
    final TlsCoordinator coordinator = new TlsCoordinator();

    private static IssueGlusterCertificateRequest request(KeyPair keys, String claimedName) {
        return IssueGlusterCertificateRequest.newBuilder().setCsrDer(ByteString.copyFrom(
                Csr.create(keys, new Identity(Role.NODE, claimedName)))).build();
    }

    @Test
    void theCertificateNamesTheCallingNodeWhateverTheRequestClaimsAndCarriesNoBrickworkIdentity() throws Exception {
        TlsCoordinator.Credentials node = coordinator.join(coordinator.token(1), "node1");
        KeyPair keys = KeyPairs.generate();

        IssueGlusterCertificateResponse response = EnrollmentGrpc.newBlockingStub(coordinator.tls(node))
                .issueGlusterCertificate(request(keys, "node2"));

        X509Certificate certificate = Pem.certificate(response.getCertificatePem());
        X509Certificate ca = Pem.certificate(response.getCaCertificatePem());
        certificate.verify(ca.getPublicKey());
        assertEquals(keys.getPublic(), certificate.getPublicKey());
        assertTrue(certificate.getSubjectX500Principal().getName().contains("CN=node1"));
        assertEquals(Optional.empty(), Identity.of(certificate));
        assertTrue(certificate.getExtendedKeyUsage().containsAll(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")));
        assertTrue(coordinator.auditLog().contains("\"method\":\"brickwork.agent.v1.Enrollment/IssueGlusterCertificate\""));
    }

    @Test
    void aCallerWithoutANodeCertificateGetsNone() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () ->
                EnrollmentGrpc.newBlockingStub(coordinator.anonymous())
                        .issueGlusterCertificate(request(KeyPairs.generate(), "node1")));

        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
    }
}
