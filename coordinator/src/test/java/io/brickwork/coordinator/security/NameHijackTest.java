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
import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.Results;
import io.brickwork.proto.agent.v1.EnrollmentGrpc;
import io.brickwork.proto.agent.v1.RenewRequest;
import io.brickwork.proto.coordinator.v1.AdminGrpc;
import io.brickwork.proto.coordinator.v1.CertificateInfo;
import io.brickwork.proto.coordinator.v1.CertificateRole;
import io.brickwork.proto.coordinator.v1.CreateTokenRequest;
import io.brickwork.proto.coordinator.v1.ListCertificatesRequest;
import io.brickwork.proto.coordinator.v1.ListTokensRequest;
import io.brickwork.proto.coordinator.v1.RevokeCertificateRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A join token is not a licence to become any node: a name that has a live certificate or a
 * connected agent can only be taken over by a token the operator made to replace that node.
 */
class NameHijackTest {
    @RegisterExtension
    final TlsCoordinator coordinator = new TlsCoordinator();

    private StatusRuntimeException refused(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run);
    }

    private FakeAgent connected(TlsCoordinator.Credentials node, String name) throws InterruptedException {
        FakeAgent agent = new FakeAgent(coordinator.tls(node), name, "10.0.0.3", Results.inSync()).connect();
        assertTrue(agent.awaitWelcome(), name + " did not get a welcome");
        return agent;
    }

    private List<CertificateInfo> nodeCertificates() {
        return AdminGrpc.newBlockingStub(coordinator.local()).listCertificates(ListCertificatesRequest.newBuilder()
                .setRole(CertificateRole.CERTIFICATE_ROLE_NODE).build()).getCertificatesList();
    }

    @Test
    void attackerWithAMultiUseTokenCannotEnrollUnderAnEnrolledNodesName() throws Exception {
        String token = coordinator.token(5);
        TlsCoordinator.Credentials real = coordinator.join(token, "node3");

        StatusRuntimeException e = refused(() -> coordinator.join(token, "node3"));

        assertEquals(Status.Code.ALREADY_EXISTS, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("--node node3 --replace"), e.getStatus().getDescription());
        connected(real, "node3");
    }

    @Test
    void attackerCannotTakeTheNameOfAConnectedAgentWhoseCertificateIsNotInTheRecord() throws Exception {
        String token = coordinator.token(5);
        connected(coordinator.join(token, "node3"), "node3");
        // As after an upgrade from a coordinator that kept no record of the certificates it issued.
        Files.delete(coordinator.stateDir().resolve("issued-certificates.pb"));

        assertEquals(Status.Code.ALREADY_EXISTS, refused(() -> coordinator.join(token, "NODE3")).getStatus().getCode());
    }

    @Test
    void refusedHijackIsAuditedWithTheTokenIdAndRemoteAddress() {
        String token = coordinator.token(5);
        coordinator.join(token, "node3");

        refused(() -> coordinator.join(token, "node3"));

        String tokenId = token.split("-")[3];
        String refusal = coordinator.auditLog().lines()
                .filter(line -> line.contains("\"method\":\"brickwork.agent.v1.Enrollment/Join\""))
                .filter(line -> line.contains("\"status\":\"ALREADY_EXISTS\""))
                .findFirst().orElseThrow(() -> new AssertionError("no refused join in " + coordinator.auditLog()));
        assertTrue(refusal.contains("\"token_id\":\"" + tokenId + "\""), refusal);
        assertTrue(refusal.contains("\"remote_address\":\"127.0.0.1\""), refusal);
        assertTrue(refusal.contains("\"node_name\":\"node3\""), refusal);
        assertTrue(!refusal.contains(token.split("-")[4]), "the token's secret must not be in the audit log");
    }

    @Test
    void refusedHijackDoesNotUseUpTheOperatorsToken() {
        String token = coordinator.token(2);
        coordinator.join(token, "node1");

        refused(() -> coordinator.join(token, "node1"));

        assertEquals(1, AdminGrpc.newBlockingStub(coordinator.local()).listTokens(ListTokensRequest.getDefaultInstance())
                .getTokens(0).getUsesLeft());
        coordinator.join(token, "node2");
    }

    @Test
    void tokenBoundToOneNodeCannotEnrollAnother() {
        String token = coordinator.token(CreateTokenRequest.newBuilder().setTtlSeconds(600).setUses(2).setNode("node3").build());

        StatusRuntimeException e = refused(() -> coordinator.join(token, "node4"));

        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("node3"), e.getStatus().getDescription());
        coordinator.join(token, "Node3");
    }

    @Test
    void boundTokenWithoutReplaceCannotTakeAnEnrolledName() {
        coordinator.join(coordinator.token(1), "node3");
        String bound = coordinator.token(CreateTokenRequest.newBuilder().setTtlSeconds(600).setNode("node3").build());

        assertEquals(Status.Code.ALREADY_EXISTS, refused(() -> coordinator.join(bound, "node3")).getStatus().getCode());
    }

    @Test
    void replacingTokenTakesTheNameRevokesTheOldCertificateAndCutsItsStream() throws Exception {
        TlsCoordinator.Credentials old = coordinator.join(coordinator.token(1), "node3");
        FakeAgent oldAgent = connected(old, "node3");
        String replace = coordinator.token(CreateTokenRequest.newBuilder().setTtlSeconds(600).setNode("node3")
                .setReplace(true).build());

        TlsCoordinator.Credentials replacement = coordinator.join(replace, "node3");

        assertTrue(oldAgent.awaitEnd());
        assertEquals(Status.Code.PERMISSION_DENIED, oldAgent.endStatus().getCode());
        FakeAgent again = new FakeAgent(coordinator.tls(old), "node3", "10.0.0.3", Results.inSync()).connect();
        assertTrue(again.awaitEnd());
        assertEquals(Status.Code.PERMISSION_DENIED, again.endStatus().getCode());
        connected(replacement, "node3");
        assertEquals(List.of(old.serial() + " revoked", replacement.serial() + " live"), nodeCertificates().stream()
                .map(c -> c.getSerial() + (c.getRevoked() ? " revoked" : " live")).toList());
    }

    @Test
    void replacingTokenMustNameItsNode() {
        StatusRuntimeException e = refused(() -> coordinator.token(CreateTokenRequest.newBuilder().setReplace(true).build()));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }

    @Test
    void nameWhoseCertificateWasRevokedCanJoinAgain() {
        TlsCoordinator.Credentials old = coordinator.join(coordinator.token(1), "node3");
        AdminGrpc.newBlockingStub(coordinator.local()).revokeCertificate(
                RevokeCertificateRequest.newBuilder().setCertificate(old.serial()).build());

        coordinator.join(coordinator.token(1), "node3");
    }

    @Test
    void renewalRecordsTheNewSerialForTheName() {
        TlsCoordinator.Credentials node = coordinator.join(coordinator.token(1), "node1");
        KeyPair keys = KeyPairs.generate();

        String renewed = Pem.certificate(EnrollmentGrpc.newBlockingStub(coordinator.tls(node))
                .renew(RenewRequest.newBuilder().setCsrDer(ByteString.copyFrom(
                        Csr.create(keys, new Identity(Role.NODE, "node1")))).build())
                .getCertificatePem()).getSerialNumber().toString(16);

        assertEquals(List.of(node.serial(), renewed), nodeCertificates().stream().map(CertificateInfo::getSerial).toList());
        assertTrue(coordinator.auditLog().contains("\"method\":\"brickwork.agent.v1.Enrollment/Renew\""));
        assertEquals(Status.Code.ALREADY_EXISTS, refused(() -> coordinator.join(coordinator.token(1), "node1"))
                .getStatus().getCode());
    }
}
