package io.brickwork.agent.enroll;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.brickwork.common.net.HostPort;
import io.brickwork.common.security.Csr;
import io.brickwork.common.security.Fingerprints;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.KeyPairs;
import io.brickwork.common.security.Pem;
import io.brickwork.common.security.PinnedCaTrustManager;
import io.brickwork.common.security.Role;
import io.brickwork.common.token.JoinToken;
import io.brickwork.common.validation.Validation;
import io.brickwork.proto.agent.v1.EnrollmentGrpc;
import io.brickwork.proto.agent.v1.JoinRequest;
import io.brickwork.proto.agent.v1.JoinResponse;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code brickwork-agent join}: pin the coordinator's CA by the fingerprint in the token, make
 * a key here, send only a CSR with the token, check what comes back, and store it.
 */
public final class Joiner {
    /** The name in the coordinator's certificate, whatever address the agent dials. */
    public static final String COORDINATOR_AUTHORITY = "brickwork-coordinator";

    private final Duration timeout;

    public Joiner(Duration timeout) {
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    public void join(String tokenText, HostPort coordinator, String nodeName, AgentCredentials credentials)
            throws JoinException {
        JoinToken token = JoinToken.parse(tokenText).orElseThrow(() ->
                new JoinException("that is not a join token (expected BWTKN-1-...; create one with `brickwork token create`)"));
        Optional<String> badName = Validation.hostnameProblem(nodeName);
        if (badName.isPresent()) {
            throw new JoinException("node name '" + nodeName + "' " + badName.get());
        }
        KeyPair keys = KeyPairs.generate();
        byte[] csr = Csr.create(keys, new Identity(Role.NODE, nodeName));
        PinnedCaTrustManager pinned = new PinnedCaTrustManager(token.caFingerprint());
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(coordinator.host(), coordinator.port(),
                        TlsChannelCredentials.newBuilder().trustManager(pinned).build())
                .overrideAuthority(COORDINATOR_AUTHORITY)
                .build();
        JoinResponse response;
        try {
            response = EnrollmentGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .join(JoinRequest.newBuilder()
                            .setToken(token.text())
                            .setNodeName(nodeName)
                            .setCsrDer(ByteString.copyFrom(csr))
                            .build());
        } catch (StatusRuntimeException e) {
            throw new JoinException(describe(e, coordinator), e);
        } finally {
            channel.shutdownNow();
        }
        X509Certificate ca = Pem.certificate(response.getCaCertificatePem());
        X509Certificate certificate = Pem.certificate(response.getCertificatePem());
        check(token, nodeName, keys, ca, certificate);
        credentials.store(keys.getPrivate(), certificate, ca);
    }

    /** Trust nothing that came back: right CA, our key, our name, signed by that CA. */
    private static void check(JoinToken token, String nodeName, KeyPair keys, X509Certificate ca,
            X509Certificate certificate) throws JoinException {
        if (!Fingerprints.matches(token.caFingerprint(), ca)) {
            throw new JoinException("the coordinator answered with a different CA than the token pins");
        }
        if (!certificate.getPublicKey().equals(keys.getPublic())) {
            throw new JoinException("the coordinator certified a different key than ours");
        }
        if (!Identity.of(certificate).equals(Optional.of(new Identity(Role.NODE, nodeName)))) {
            throw new JoinException("the certificate does not name node " + nodeName);
        }
        try {
            certificate.verify(ca.getPublicKey());
        } catch (java.security.GeneralSecurityException e) {
            throw new JoinException("the certificate is not signed by the cluster CA", e);
        }
    }

    private static String describe(StatusRuntimeException e, HostPort coordinator) {
        Status status = e.getStatus();
        String cause = e.getCause() == null ? "" : " (" + rootMessage(e.getCause()) + ")";
        return switch (status.getCode()) {
            case UNAVAILABLE -> "cannot reach the coordinator at " + coordinator.target() + ": "
                    + status.getDescription() + cause;
            case PERMISSION_DENIED, UNAUTHENTICATED, INVALID_ARGUMENT, ALREADY_EXISTS -> "the coordinator refused to join this node: "
                    + status.getDescription();
            default -> "join failed: " + status.getCode() + " " + status.getDescription() + cause;
        };
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
