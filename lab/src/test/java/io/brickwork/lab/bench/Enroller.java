package io.brickwork.lab.bench;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.brickwork.common.security.Csr;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.KeyPairs;
import io.brickwork.common.security.Pem;
import io.brickwork.common.security.PinnedCaTrustManager;
import io.brickwork.common.security.Role;
import io.brickwork.proto.agent.v1.EnrollmentGrpc;
import io.brickwork.proto.agent.v1.JoinRequest;
import io.brickwork.proto.agent.v1.JoinResponse;
import io.brickwork.proto.coordinator.v1.AdminGrpc;
import io.brickwork.proto.coordinator.v1.CreateTokenRequest;
import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Gets every simulated node a certificate the way a real agent does: one join token from the
 * admin socket, then a Join per node with a CSR for its own fresh key, over TLS that trusts the
 * coordinator only if its CA matches the fingerprint in the token.
 */
final class Enroller {
    static final String COORDINATOR_AUTHORITY = "brickwork-coordinator";
    private static final int PARALLEL_JOINS = 8;

    /** What one node keeps after joining. */
    record NodeCredentials(String node, KeyPair keys, X509Certificate certificate, X509Certificate ca) { }

    private final Channel admin;
    private final int coordinatorPort;

    Enroller(Channel admin, int coordinatorPort) {
        this.admin = requireNonNull(admin, "admin is null");
        this.coordinatorPort = coordinatorPort;
    }

    List<NodeCredentials> joinAll(List<String> nodes) throws InterruptedException {
        String token = AdminGrpc.newBlockingStub(admin).withDeadlineAfter(10, TimeUnit.SECONDS)
                .createToken(CreateTokenRequest.newBuilder().setTtlSeconds(3600).setUses(nodes.size()).build())
                .getToken();
        // BWTKN-1-<CA fingerprint>-<id>-<secret>
        String caFingerprint = token.split("-")[2];
        // Joins are not what is measured, so they share one channel rather than dialing a thousand times.
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", coordinatorPort,
                        TlsChannelCredentials.newBuilder().trustManager(new PinnedCaTrustManager(caFingerprint)).build())
                .overrideAuthority(COORDINATOR_AUTHORITY)
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_JOINS);
        try {
            EnrollmentGrpc.EnrollmentBlockingStub enrollment = EnrollmentGrpc.newBlockingStub(channel);
            List<Future<NodeCredentials>> joins = new ArrayList<>();
            for (String node : nodes) {
                joins.add(pool.submit(() -> join(enrollment, token, node)));
            }
            List<NodeCredentials> joined = new ArrayList<>();
            for (Future<NodeCredentials> join : joins) {
                joined.add(join.get());
            }
            return joined;
        } catch (ExecutionException e) {
            throw new IllegalStateException("join failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
            channel.shutdownNow();
        }
    }

    private static NodeCredentials join(EnrollmentGrpc.EnrollmentBlockingStub enrollment, String token, String node) {
        KeyPair keys = KeyPairs.generate();
        JoinResponse response = enrollment.withDeadlineAfter(30, TimeUnit.SECONDS)
                .join(JoinRequest.newBuilder()
                        .setToken(token)
                        .setNodeName(node)
                        .setCsrDer(ByteString.copyFrom(Csr.create(keys, new Identity(Role.NODE, node))))
                        .build());
        return new NodeCredentials(node, keys, Pem.certificate(response.getCertificatePem()),
                Pem.certificate(response.getCaCertificatePem()));
    }
}
