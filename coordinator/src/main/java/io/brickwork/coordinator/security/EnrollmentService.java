package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.security.Csr;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.InvalidCsrException;
import io.brickwork.common.security.Pem;
import io.brickwork.common.security.Role;
import io.brickwork.common.validation.Validation;
import io.brickwork.proto.agent.v1.EnrollmentGrpc;
import io.brickwork.proto.agent.v1.JoinRequest;
import io.brickwork.proto.agent.v1.JoinResponse;
import io.brickwork.proto.agent.v1.RenewRequest;
import io.brickwork.proto.agent.v1.RenewResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Turns a join token and a CSR into a node certificate. The node's identity is the name it
 * joins with; from then on the coordinator believes only the certificate.
 */
public final class EnrollmentService extends EnrollmentGrpc.EnrollmentImplBase {
    private static final Logger log = Logger.getLogger(EnrollmentService.class.getName());

    private final ClusterCa ca;
    private final JoinTokens tokens;
    private final RevokedNodes revoked;
    private final Duration certificateValidity;

    public EnrollmentService(ClusterCa ca, JoinTokens tokens, RevokedNodes revoked,
            Duration certificateValidity) {
        this.ca = requireNonNull(ca, "ca is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.revoked = requireNonNull(revoked, "revoked is null");
        this.certificateValidity = requireNonNull(certificateValidity, "certificateValidity is null");
    }

    @Override
    public void join(JoinRequest request, StreamObserver<JoinResponse> responses) {
        try {
            String node = request.getNodeName();
            Optional<String> problem = Validation.hostname(node);
            if (problem.isPresent()) {
                throw Status.INVALID_ARGUMENT.withDescription("node name '" + node + "' " + problem.get())
                        .asRuntimeException();
            }
            if (revoked.isRevoked(node)) {
                throw Status.PERMISSION_DENIED.withDescription("node " + node + " has been revoked").asRuntimeException();
            }
            // The CSR is checked before the token is used up: a broken agent must not burn a token.
            Csr csr = parse(request.getCsrDer().toByteArray());
            try {
                tokens.consume(request.getToken(), ca.authority().fingerprint());
            } catch (JoinTokens.RejectedTokenException e) {
                throw Status.PERMISSION_DENIED.withDescription(e.getMessage()).asRuntimeException();
            }
            X509Certificate certificate = ca.authority().issue(csr.publicKey(), new Identity(Role.NODE, node),
                    certificateValidity, List.of(), List.of());
            log.info(() -> "node " + node + " joined; certificate sha256:"
                    + io.brickwork.common.security.Fingerprints.sha256(certificate));
            responses.onNext(JoinResponse.newBuilder()
                    .setCertificatePem(Pem.encode(certificate))
                    .setCaCertificatePem(Pem.encode(ca.authority().certificate()))
                    .build());
            responses.onCompleted();
        } catch (StatusRuntimeException e) {
            log.warning(() -> "join as '" + request.getNodeName() + "' refused: " + e.getStatus().getDescription());
            responses.onError(e);
        }
    }

    @Override
    public void renew(RenewRequest request, StreamObserver<RenewResponse> responses) {
        try {
            String node = Caller.current().nodeName().orElseThrow(() -> Status.UNAUTHENTICATED
                    .withDescription("renewal needs the node's current certificate").asRuntimeException());
            Csr csr = parse(request.getCsrDer().toByteArray());
            X509Certificate certificate = ca.authority().issue(csr.publicKey(), new Identity(Role.NODE, node),
                    certificateValidity, List.of(), List.of());
            log.info(() -> "node " + node + " renewed its certificate");
            responses.onNext(RenewResponse.newBuilder().setCertificatePem(Pem.encode(certificate)).build());
            responses.onCompleted();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
        }
    }

    static Csr parse(byte[] der) {
        try {
            return Csr.parse(der);
        } catch (InvalidCsrException e) {
            throw Status.INVALID_ARGUMENT.withDescription("certificate request: " + e.getMessage()).asRuntimeException();
        }
    }
}
