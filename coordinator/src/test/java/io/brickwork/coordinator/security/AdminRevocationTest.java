package io.brickwork.coordinator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.brickwork.common.security.Csr;
import io.brickwork.common.security.Fingerprints;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.KeyPairs;
import io.brickwork.common.security.Role;
import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.Results;
import io.brickwork.proto.coordinator.v1.AdminGrpc;
import io.brickwork.proto.coordinator.v1.CertificateInfo;
import io.brickwork.proto.coordinator.v1.CertificateRole;
import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.IssueAdminCertificateRequest;
import io.brickwork.proto.coordinator.v1.ListCertificatesRequest;
import io.brickwork.proto.coordinator.v1.ListNodesRequest;
import io.brickwork.proto.coordinator.v1.RevokeCertificateRequest;
import io.brickwork.proto.coordinator.v1.RevokeCertificateResponse;
import io.brickwork.proto.coordinator.v1.WatchStatusRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A leaked admin certificate can be stopped: it is revocable by serial or fingerprint, the
 * revocation holds on every call and ends what is already open, and the certificate cannot
 * mint itself a successor first.
 */
class AdminRevocationTest {
    @RegisterExtension
    final TlsCoordinator coordinator = new TlsCoordinator();

    private static Status.Code code(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
    }

    private RevokeCertificateResponse revoke(String certificate) {
        return AdminGrpc.newBlockingStub(coordinator.local())
                .revokeCertificate(RevokeCertificateRequest.newBuilder().setCertificate(certificate).build());
    }

    private static void listNodes(ManagedChannel channel) {
        CoordinatorGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .listNodes(ListNodesRequest.getDefaultInstance());
    }

    @Test
    void adminCertificateCannotMintAnotherAdminOverTcp() {
        ManagedChannel admin = coordinator.tls(coordinator.admin("alice"));
        KeyPair keys = KeyPairs.generate();

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> AdminGrpc.newBlockingStub(admin)
                .issueAdminCertificate(IssueAdminCertificateRequest.newBuilder().setName("successor")
                        .setCsrDer(ByteString.copyFrom(Csr.create(keys, new Identity(Role.ADMIN, "successor")))).build()));

        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("local socket"), e.getStatus().getDescription());
    }

    @Test
    void revokedAdminCertificateIsRefusedOnTheNextCallOnTheSameConnection() {
        TlsCoordinator.Credentials alice = coordinator.admin("alice");
        ManagedChannel channel = coordinator.tls(alice);
        listNodes(channel);

        revoke(alice.serial());

        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> listNodes(channel)));
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> listNodes(coordinator.tls(alice))));
    }

    @Test
    void adminRevokedByFingerprintIsRefused() {
        TlsCoordinator.Credentials alice = coordinator.admin("alice");

        revoke("sha256:" + Fingerprints.sha256(alice.certificate()).toUpperCase());

        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> listNodes(coordinator.tls(alice))));
    }

    @Test
    void otherAdminsKeepWorkingWhenOneIsRevoked() {
        TlsCoordinator.Credentials alice = coordinator.admin("alice");
        TlsCoordinator.Credentials bob = coordinator.admin("bob");

        revoke(alice.serial());

        listNodes(coordinator.tls(bob));
    }

    @Test
    void revokingAnAdminCutsItsOpenStatusWatchWithinASecond() throws Exception {
        TlsCoordinator.Credentials alice = coordinator.admin("alice");
        CompletableFuture<Status> ended = new CompletableFuture<>();
        CoordinatorGrpc.newStub(coordinator.tls(alice)).watchStatus(WatchStatusRequest.getDefaultInstance(),
                new StreamObserver<GetStatusResponse>() {
                    @Override
                    public void onNext(GetStatusResponse value) { }

                    @Override
                    public void onError(Throwable t) {
                        ended.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        ended.complete(Status.OK);
                    }
                });
        awaitOpenCalls(1);

        RevokeCertificateResponse response = revoke(alice.serial());

        assertEquals(Status.Code.PERMISSION_DENIED, ended.get(1, TimeUnit.SECONDS).getCode());
        assertEquals(1, response.getCallsCut());
        awaitOpenCalls(0);
    }

    @Test
    void revokingANodeCertificateBySerialCutsItsAgentStreamAndRefusesItsReturn() throws Exception {
        TlsCoordinator.Credentials node = coordinator.join(coordinator.token(1), "node1");
        FakeAgent agent = new FakeAgent(coordinator.tls(node), "node1", "10.0.0.1", Results.inSync()).connect();
        assertTrue(agent.awaitWelcome());

        revoke(node.serial());

        assertTrue(agent.awaitEnd());
        assertEquals(Status.Code.PERMISSION_DENIED, agent.endStatus().getCode());
        FakeAgent again = new FakeAgent(coordinator.tls(node), "node1", "10.0.0.1", Results.inSync()).connect();
        assertTrue(again.awaitEnd());
        assertEquals(Status.Code.PERMISSION_DENIED, again.endStatus().getCode());
    }

    @Test
    void revocationHoldsAfterACoordinatorRestart() {
        TlsCoordinator.Credentials alice = coordinator.admin("alice");
        revoke(alice.serial());

        coordinator.restart();

        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> listNodes(coordinator.tls(alice))));
    }

    @Test
    void adminListShowsEachIssuedAdminCertificateAndWhetherItIsRevoked() {
        TlsCoordinator.Credentials alice = coordinator.admin("alice");
        TlsCoordinator.Credentials bob = coordinator.admin("bob");
        coordinator.join(coordinator.token(1), "node1");
        revoke(alice.serial());

        List<CertificateInfo> admins = AdminGrpc.newBlockingStub(coordinator.local()).listCertificates(
                ListCertificatesRequest.newBuilder().setRole(CertificateRole.CERTIFICATE_ROLE_ADMIN).build())
                .getCertificatesList();

        assertEquals(List.of("alice " + alice.serial() + " revoked", "bob " + bob.serial() + " live"), admins.stream()
                .map(c -> c.getName() + " " + c.getSerial() + (c.getRevoked() ? " revoked" : " live")).toList());
        assertEquals(Fingerprints.sha256(bob.certificate()), admins.get(1).getFingerprintSha256());
        assertEquals(bob.certificate().getNotAfter().getTime(), admins.get(1).getExpiresUnixMs());
    }

    @Test
    void certificateUnknownToTheRecordCanStillBeRevoked() {
        assertTrue(revoke("0a:1b:2c").getCertificate().getRevoked());
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> revoke("not-a-serial")));
    }

    private void awaitOpenCalls(int count) throws InterruptedException {
        OpenCalls calls = coordinatorCalls();
        for (int i = 0; i < 100 && calls.size() != count; i++) {
            Thread.sleep(20);
        }
        assertEquals(count, calls.size());
    }

    private OpenCalls coordinatorCalls() {
        return coordinator.revoked().calls();
    }
}
