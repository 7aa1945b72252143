package io.brickwork.coordinator.security;

import com.google.protobuf.ByteString;
import io.brickwork.common.grpc.GrpcCleanupExtension;
import io.brickwork.common.security.Csr;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.KeyPairs;
import io.brickwork.common.security.Pem;
import io.brickwork.common.security.Role;
import io.brickwork.common.security.TlsContexts;
import io.brickwork.coordinator.testing.NetworkCoordinator;
import io.brickwork.proto.agent.v1.EnrollmentGrpc;
import io.brickwork.proto.agent.v1.JoinRequest;
import io.brickwork.proto.agent.v1.JoinResponse;
import io.brickwork.proto.coordinator.v1.AdminGrpc;
import io.brickwork.proto.coordinator.v1.CreateTokenRequest;
import io.brickwork.proto.coordinator.v1.IssueAdminCertificateRequest;
import io.brickwork.proto.coordinator.v1.IssueAdminCertificateResponse;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The production coordinator (TLS on a loopback port, local socket) with the calls tests make of
 * it; a JUnit extension that starts one per test and stops it, its channels and its files after.
 */
final class TlsCoordinator implements BeforeEachCallback, AfterEachCallback {
    private final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
    private Path dir;
    private NetworkCoordinator coordinator;
    X509Certificate ca;

    /** A coordinator of its own in a fresh directory for each test. */
    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("brickwork-tls-coordinator");
        coordinator = NetworkCoordinator.start(dir);
        ca = coordinator.instance(ClusterCa.class).authority().certificate();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            grpc.afterEach(context);
        } finally {
            coordinator.stop();
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** Stops the coordinator and starts it again on the same state, as after a reboot. */
    void restart() {
        coordinator.stop();
        coordinator = NetworkCoordinator.start(dir);
    }

    /** The coordinator's state directory (its CA, tokens and records). */
    Path stateDir() {
        return dir.resolve("state");
    }

    /** A node's or admin's key and the certificate the coordinator gave it. */
    record Credentials(KeyPair keys, X509Certificate certificate) {
        String serial() {
            return certificate.getSerialNumber().toString(16);
        }
    }

    ManagedChannel local() {
        return grpc.register(Grpc.newChannelBuilder("unix://" + dir.resolve("run/admin.sock"),
                InsecureChannelCredentials.create()).build());
    }

    ManagedChannel anonymous() {
        return tls(null);
    }

    ManagedChannel tls(Credentials credentials) {
        TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder().trustManager(TlsContexts.trustOnly(ca));
        if (credentials != null) {
            builder.keyManager(TlsContexts.keyManager(credentials.keys().getPrivate(), List.of(credentials.certificate())));
        }
        return grpc.register(Grpc.newChannelBuilderForAddress("127.0.0.1", coordinator.port(), builder.build())
                .overrideAuthority("brickwork-coordinator").build());
    }

    String token(CreateTokenRequest request) {
        return AdminGrpc.newBlockingStub(local()).withDeadlineAfter(10, TimeUnit.SECONDS).createToken(request).getToken();
    }

    String token(int uses) {
        return token(CreateTokenRequest.newBuilder().setTtlSeconds(600).setUses(uses).build());
    }

    Credentials join(String token, String node) {
        KeyPair keys = KeyPairs.generate();
        JoinResponse joined = EnrollmentGrpc.newBlockingStub(anonymous()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .join(JoinRequest.newBuilder().setToken(token).setNodeName(node)
                        .setCsrDer(ByteString.copyFrom(Csr.create(keys, new Identity(Role.NODE, node)))).build());
        return new Credentials(keys, Pem.certificate(joined.getCertificatePem()));
    }

    Credentials admin(String name) {
        KeyPair keys = KeyPairs.generate();
        IssueAdminCertificateResponse issued = AdminGrpc.newBlockingStub(local()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .issueAdminCertificate(IssueAdminCertificateRequest.newBuilder().setName(name)
                        .setCsrDer(ByteString.copyFrom(Csr.create(keys, new Identity(Role.ADMIN, name)))).build());
        return new Credentials(keys, Pem.certificate(issued.getCertificatePem()));
    }

    RevokedNodes revoked() {
        return coordinator.instance(RevokedNodes.class);
    }

    String auditLog() {
        try {
            return Files.readString(dir.resolve("log/audit.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
