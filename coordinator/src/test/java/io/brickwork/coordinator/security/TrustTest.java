package io.brickwork.coordinator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.brickwork.common.grpc.GrpcCleanupExtension;
import io.brickwork.common.security.CertificateAuthority;
import io.brickwork.common.security.Csr;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.KeyPairs;
import io.brickwork.common.security.Pem;
import io.brickwork.common.security.Role;
import io.brickwork.common.security.TlsContexts;
import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.NetworkCoordinator;
import io.brickwork.coordinator.testing.Results;
import io.brickwork.proto.agent.v1.EnrollmentGrpc;
import io.brickwork.proto.agent.v1.JoinRequest;
import io.brickwork.proto.agent.v1.JoinResponse;
import io.brickwork.proto.coordinator.v1.AdminGrpc;
import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.brickwork.proto.coordinator.v1.CreateTokenRequest;
import io.brickwork.proto.coordinator.v1.CreateTokenResponse;
import io.brickwork.proto.coordinator.v1.IssueAdminCertificateRequest;
import io.brickwork.proto.coordinator.v1.IssueAdminCertificateResponse;
import io.brickwork.proto.coordinator.v1.ListNodesRequest;
import io.brickwork.proto.coordinator.v1.RevokeNodeRequest;
import io.brickwork.proto.coordinator.v1.RevokeTokenRequest;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's doors with real TLS on a real port: who gets in, who is refused, and how.
 * No handshake is mocked; certificates come from the real CA and join flow.
 */
class TrustTest {
    @RegisterExtension
    final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

    @TempDir
    Path dir;

    private NetworkCoordinator server;
    private X509Certificate ca;

    @BeforeEach
    void start() {
        server = NetworkCoordinator.start(dir);
        ca = CertificateAuthority.loadOrCreate(dir.resolve("state/ca"), Clock.systemUTC()).certificate();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private ManagedChannel local() {
        return grpc.register(Grpc.newChannelBuilder("unix://" + dir.resolve("run/admin.sock"),
                InsecureChannelCredentials.create()).build());
    }

    private ManagedChannel tls(KeyPair keys, X509Certificate certificate) {
        TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder()
                .trustManager(TlsContexts.trustOnly(ca));
        if (certificate != null) {
            builder.keyManager(TlsContexts.keyManager(keys.getPrivate(), List.of(certificate)));
        }
        return channel(builder.build());
    }

    private ManagedChannel channel(ChannelCredentials credentials) {
        return grpc.register(Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(), credentials)
                .overrideAuthority("brickwork-coordinator").build());
    }

    private String token(int ttlSeconds, int uses) {
        CreateTokenResponse response = AdminGrpc.newBlockingStub(local())
                .createToken(CreateTokenRequest.newBuilder().setTtlSeconds(ttlSeconds).setUses(uses).build());
        return response.getToken();
    }

    private JoinResponse join(String token, String node, KeyPair keys) {
        return EnrollmentGrpc.newBlockingStub(tls(null, null)).withDeadlineAfter(10, TimeUnit.SECONDS)
                .join(JoinRequest.newBuilder().setToken(token).setNodeName(node)
                        .setCsrDer(ByteString.copyFrom(Csr.create(keys, new Identity(Role.NODE, node)))).build());
    }

    private ManagedChannel joinedNode(String node) {
        KeyPair keys = KeyPairs.generate();
        JoinResponse joined = join(token(60, 1), node, keys);
        return tls(keys, Pem.certificate(joined.getCertificatePem()));
    }

    private static Status.Code code(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
    }

    @Test
    void apiCallWithoutAClientCertificateIsUnauthenticated() {
        ManagedChannel anonymous = tls(null, null);

        assertEquals(Status.Code.UNAUTHENTICATED, code(() ->
                CoordinatorGrpc.newBlockingStub(anonymous).listNodes(ListNodesRequest.getDefaultInstance())));
        assertEquals(Status.Code.UNAUTHENTICATED, code(() ->
                AdminGrpc.newBlockingStub(anonymous).createToken(CreateTokenRequest.getDefaultInstance())));
    }

    @Test
    void agentStreamWithoutACertificateIsRefused() throws Exception {
        FakeAgent agent = new FakeAgent(tls(null, null), "node1", "10.0.0.1", Results.inSync()).connect();

        assertTrue(agent.awaitEnd());
        assertEquals(Status.Code.UNAUTHENTICATED, agent.endStatus().getCode());
    }

    @Test
    void certificateFromAnotherCaFailsTheHandshake() {
        CertificateAuthority other = CertificateAuthority.loadOrCreate(dir.resolve("other-ca"), Clock.systemUTC());
        KeyPair keys = KeyPairs.generate();
        X509Certificate foreign = other.issue(keys.getPublic(), new Identity(Role.ADMIN, "mallory"), Duration.ofDays(1),
                List.of(), List.of());

        // The JDK's own key manager would quietly send no certificate to a server that lists
        // another CA; present it anyway, as an attacker would.
        ManagedChannel channel = channel(TlsChannelCredentials.newBuilder()
                .trustManager(TlsContexts.trustOnly(ca))
                .keyManager(new AlwaysPresent(keys.getPrivate(), foreign))
                .build());

        assertEquals(Status.Code.UNAVAILABLE, code(() ->
                CoordinatorGrpc.newBlockingStub(channel).listNodes(ListNodesRequest.getDefaultInstance())));
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        String token = token(1, 1);
        Thread.sleep(1100);

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> join(token, "node1", KeyPairs.generate()));

        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("expired"), e.getStatus().getDescription());
    }

    @Test
    void revokedTokenIsRefused() {
        String token = token(60, 5);
        String id = token.split("-")[3];
        AdminGrpc.newBlockingStub(local()).revokeToken(RevokeTokenRequest.newBuilder().setId(id).build());

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> join(token, "node1", KeyPairs.generate()));

        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("revoked"), e.getStatus().getDescription());
    }

    @Test
    void singleUseTokenCannotBeUsedTwice() {
        String token = token(60, 1);
        join(token, "node1", KeyPairs.generate());

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> join(token, "node2", KeyPairs.generate()));

        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("used up"), e.getStatus().getDescription());
    }

    @Test
    void tokenForAnotherClusterIsRefused() {
        String token = token(60, 1);
        String forged = token.replaceFirst("BWTKN-1-[0-9a-f]{64}", "BWTKN-1-" + "0".repeat(64));

        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> join(forged, "node1", KeyPairs.generate())));
    }

    @Test
    void joinedNodeConnectsAndItsCertificateNamesIt() throws Exception {
        FakeAgent agent = new FakeAgent(joinedNode("node1"), "node1", "10.0.0.1", Results.inSync()).connect();

        assertTrue(agent.awaitWelcome());
    }

    @Test
    void nodeClaimingAnotherNodesNameIsRefused() throws Exception {
        FakeAgent impostor = new FakeAgent(joinedNode("node1"), "node2", "10.0.0.1", Results.inSync()).connect();

        assertTrue(impostor.awaitEnd());
        assertEquals(Status.Code.PERMISSION_DENIED, impostor.endStatus().getCode());
        assertTrue(impostor.endStatus().getDescription().contains("node1"));
    }

    @Test
    void revokedNodeIsCutWithinASecondAndRefusedFromThenOn() throws Exception {
        ManagedChannel node = joinedNode("node3");
        FakeAgent agent = new FakeAgent(node, "node3", "10.0.0.3", Results.inSync()).connect();
        assertTrue(agent.awaitWelcome());

        long start = System.nanoTime();
        AdminGrpc.newBlockingStub(local()).revokeNode(RevokeNodeRequest.newBuilder().setNode("node3").build());
        assertTrue(agent.awaitEnd());
        long cutMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(cutMillis < 1000, "stream cut after " + cutMillis + " ms");
        assertEquals(Status.Code.PERMISSION_DENIED, agent.endStatus().getCode());
        FakeAgent again = new FakeAgent(node, "node3", "10.0.0.3", Results.inSync()).connect();
        assertTrue(again.awaitEnd());
        assertEquals(Status.Code.PERMISSION_DENIED, again.endStatus().getCode());
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> join(token(60, 1), "node3", KeyPairs.generate())));
    }

    @Test
    void nodeCertificateCannotUseTheAdminApi() {
        ManagedChannel node = joinedNode("node1");

        assertEquals(Status.Code.PERMISSION_DENIED, code(() ->
                AdminGrpc.newBlockingStub(node).createToken(CreateTokenRequest.getDefaultInstance())));
        assertEquals(Status.Code.PERMISSION_DENIED, code(() ->
                CoordinatorGrpc.newBlockingStub(node).listNodes(ListNodesRequest.getDefaultInstance())));
    }

    @Test
    void adminCertificateFromTheLocalSocketOpensTheApiOverTls() {
        KeyPair keys = KeyPairs.generate();
        IssueAdminCertificateResponse issued = AdminGrpc.newBlockingStub(local()).issueAdminCertificate(
                IssueAdminCertificateRequest.newBuilder().setName("alice")
                        .setCsrDer(ByteString.copyFrom(Csr.create(keys, new Identity(Role.ADMIN, "alice")))).build());

        ManagedChannel admin = tls(keys, Pem.certificate(issued.getCertificatePem()));

        assertFalse(CoordinatorGrpc.newBlockingStub(admin).listNodes(ListNodesRequest.getDefaultInstance())
                .getNodesList().iterator().hasNext());
    }

    @Test
    void localSocketIsRootOnly() throws Exception {
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("run/admin.sock"))));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("run"))));
    }

    @Test
    void tlsBelowOnePointTwoIsRefused() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {TlsContexts.trustOnly(ca)}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.1"});
            assertThrows(javax.net.ssl.SSLException.class, socket::startHandshake);
        }
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.setSSLParameters(withAlpn(socket));
            socket.startHandshake();
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
        }
    }

    private static javax.net.ssl.SSLParameters withAlpn(SSLSocket socket) {
        javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2"});
        return parameters;
    }

    @Test
    void everyApiCallIsAuditedWithItsCaller() throws Exception {
        token(60, 1);

        String audit = Files.readString(dir.resolve("log/audit.log"));
        assertTrue(audit.contains("\"caller\":\"unix:uid=0\""), audit);
        assertTrue(audit.contains("\"method\":\"brickwork.coordinator.v1.Admin/CreateToken\""), audit);
        assertTrue(audit.contains("\"status\":\"OK\""), audit);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("log/audit.log"))));
    }

    /** A client key manager that offers its certificate whatever CAs the server asks for. */
    private static final class AlwaysPresent extends javax.net.ssl.X509ExtendedKeyManager {
        private final java.security.PrivateKey key;
        private final X509Certificate certificate;

        AlwaysPresent(java.security.PrivateKey key, X509Certificate certificate) {
            this.key = key;
            this.certificate = certificate;
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers,
                javax.net.ssl.SSLEngine engine) {
            return "client";
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {certificate};
        }

        @Override
        public java.security.PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }
}
