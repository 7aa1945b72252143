package io.brickwork.agent.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.common.grpc.GrpcCleanupExtension;
import io.brickwork.common.net.HostPort;
import io.brickwork.common.security.CertificateAuthority;
import io.brickwork.common.security.Csr;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.InvalidCsrException;
import io.brickwork.common.security.Pem;
import io.brickwork.common.security.Role;
import io.brickwork.common.security.ServerKeyMaterial;
import io.brickwork.proto.agent.v1.EnrollmentGrpc;
import io.brickwork.proto.agent.v1.JoinRequest;
import io.brickwork.proto.agent.v1.JoinResponse;
import io.brickwork.proto.agent.v1.RenewRequest;
import io.brickwork.proto.agent.v1.RenewResponse;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettySslContextServerCredentials;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Joining and renewal against a real TLS server whose certificate comes from a real cluster CA. */
class JoinerTest {
    @RegisterExtension
    final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

    @TempDir
    Path dir;

    private CertificateAuthority ca;
    private final AtomicInteger joins = new AtomicInteger();
    private int port;

    /** Issues what it is asked for, as the coordinator's enrollment does, and counts the joins. */
    private final class Enrollment extends EnrollmentGrpc.EnrollmentImplBase {
        @Override
        public void join(JoinRequest request, StreamObserver<JoinResponse> responses) {
            joins.incrementAndGet();
            try {
                X509Certificate issued = ca.issue(Csr.parse(request.getCsrDer().toByteArray()).publicKey(),
                        new Identity(Role.NODE, request.getNodeName()), Duration.ofDays(30), List.of(), List.of());
                responses.onNext(JoinResponse.newBuilder().setCertificatePem(Pem.encode(issued))
                        .setCaCertificatePem(Pem.encode(ca.certificate())).build());
                responses.onCompleted();
            } catch (InvalidCsrException e) {
                responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            }
        }

        @Override
        public void renew(RenewRequest request, StreamObserver<RenewResponse> responses) {
            try {
                X509Certificate issued = ca.issue(Csr.parse(request.getCsrDer().toByteArray()).publicKey(),
                        new Identity(Role.NODE, "node1"), Duration.ofDays(30), List.of(), List.of());
                responses.onNext(RenewResponse.newBuilder().setCertificatePem(Pem.encode(issued)).build());
                responses.onCompleted();
            } catch (InvalidCsrException e) {
                responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), Clock.systemUTC());
        ServerKeyMaterial material = ca.serverMaterial(dir.resolve("tls"), List.of(), List.of(), Duration.ofDays(30));
        var ssl = GrpcSslContexts.configure(SslContextBuilder.forServer(material.key(),
                        material.chain().toArray(X509Certificate[]::new)))
                .clientAuth(ClientAuth.OPTIONAL).trustManager(ca.certificate()).build();
        Server server = grpc.register(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
                NettySslContextServerCredentials.create(ssl)).addService(new Enrollment()).build().start());
        port = server.getPort();
    }

    private String token(String fingerprint) {
        return "BWTKN-1-" + fingerprint + "-0123abcd-" + "5".repeat(40);
    }

    @Test
    void joinStoresAPrivateKeyAndACertificateNamingTheNode() throws Exception {
        AgentCredentials credentials = new AgentCredentials(dir.resolve("agent"));

        new Joiner(Duration.ofSeconds(10)).join(token(ca.fingerprint()), new HostPort("127.0.0.1", port), "node1",
                credentials);

        assertTrue(credentials.exist());
        assertEquals(new Identity(Role.NODE, "node1"), credentials.identity().orElseThrow());
        assertEquals(ca.fingerprint(), io.brickwork.common.security.Fingerprints.sha256(credentials.ca()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.keyFile())));
    }

    @Test
    void coordinatorWithAnotherCaIsRefusedBeforeTheTokenIsSent() {
        AgentCredentials credentials = new AgentCredentials(dir.resolve("agent"));
        String otherCa = "ab".repeat(32);

        JoinException e = assertThrows(JoinException.class, () -> new Joiner(Duration.ofSeconds(10))
                .join(token(otherCa), new HostPort("127.0.0.1", port), "node1", credentials));

        assertTrue(e.getMessage().contains(otherCa), e.getMessage());
        assertEquals(0, joins.get(), "the token must never reach a coordinator with another CA");
        assertFalse(credentials.exist());
    }

    @Test
    void malformedTokenIsRefusedWithoutDialing() {
        JoinException e = assertThrows(JoinException.class, () -> new Joiner(Duration.ofSeconds(10))
                .join("SWMTKN-1-abc", new HostPort("127.0.0.1", port), "node1", new AgentCredentials(dir)));

        assertTrue(e.getMessage().contains("not a join token"), e.getMessage());
        assertEquals(0, joins.get());
    }

    @Test
    void certificateIsRenewedOnceTwoThirdsOfItsLifeHavePassed() throws Exception {
        AgentCredentials credentials = new AgentCredentials(dir.resolve("agent"));
        new Joiner(Duration.ofSeconds(10)).join(token(ca.fingerprint()), new HostPort("127.0.0.1", port), "node1",
                credentials);
        X509Certificate before = credentials.certificate();
        NodeTls tls = new NodeTls(credentials);
        ManagedChannel channel = grpc.register(Grpc.newChannelBuilderForAddress("127.0.0.1", port, tls.credentials())
                .overrideAuthority(Joiner.COORDINATOR_AUTHORITY).build());
        Instant late = before.getNotAfter().toInstant().minus(Duration.ofDays(9));

        assertFalse(new CertificateRenewer(channel, credentials, tls, Clock.systemUTC()).renewIfDue(),
                "a fresh certificate is left alone");
        assertTrue(new CertificateRenewer(channel, credentials, tls, Clock.fixed(late, ZoneOffset.UTC)).renewIfDue());

        X509Certificate after = credentials.certificate();
        assertFalse(after.getSerialNumber().equals(before.getSerialNumber()));
        assertFalse(after.getPublicKey().equals(before.getPublicKey()), "a renewal brings a new key");
        assertEquals(new Identity(Role.NODE, "node1"), credentials.identity().orElseThrow());
    }
}
