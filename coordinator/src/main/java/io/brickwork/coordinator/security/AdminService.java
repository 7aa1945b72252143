package io.brickwork.coordinator.security;

import static io.brickwork.coordinator.api.GrpcCalls.guarded;
import static java.util.Objects.requireNonNull;

import io.brickwork.common.security.Csr;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.Pem;
import io.brickwork.common.security.Role;
import io.brickwork.common.validation.Validation;
import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.proto.coordinator.state.v1.IssuedCertificate;
import io.brickwork.proto.coordinator.v1.AdminGrpc;
import io.brickwork.proto.coordinator.v1.CertificateInfo;
import io.brickwork.proto.coordinator.v1.CertificateRole;
import io.brickwork.proto.coordinator.v1.CreateTokenRequest;
import io.brickwork.proto.coordinator.v1.CreateTokenResponse;
import io.brickwork.proto.coordinator.v1.IssueAdminCertificateRequest;
import io.brickwork.proto.coordinator.v1.IssueAdminCertificateResponse;
import io.brickwork.proto.coordinator.v1.ListCertificatesRequest;
import io.brickwork.proto.coordinator.v1.ListCertificatesResponse;
import io.brickwork.proto.coordinator.v1.ListTokensRequest;
import io.brickwork.proto.coordinator.v1.ListTokensResponse;
import io.brickwork.proto.coordinator.v1.RevokeCertificateRequest;
import io.brickwork.proto.coordinator.v1.RevokeCertificateResponse;
import io.brickwork.proto.coordinator.v1.RevokeNodeRequest;
import io.brickwork.proto.coordinator.v1.RevokeNodeResponse;
import io.brickwork.proto.coordinator.v1.RevokeTokenRequest;
import io.brickwork.proto.coordinator.v1.RevokeTokenResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Join tokens, node and certificate revocation and admin certificates, for admins only (see
 * {@link AuthInterceptor}; issuing admin certificates only over the local socket).
 */
public final class AdminService extends AdminGrpc.AdminImplBase {
    private static final Logger log = Logger.getLogger(AdminService.class.getName());
    private static final Duration MAX_TOKEN_TTL = Duration.ofDays(30);
    private static final int MAX_TOKEN_USES = 1000;

    private final ClusterCa ca;
    private final JoinTokens tokens;
    private final RevokedNodes revoked;
    private final IssuedCertificates issued;
    private final AgentRegistry registry;
    private final Duration defaultTokenTtl;
    private final Duration adminCertificateValidity;

    public AdminService(ClusterCa ca, JoinTokens tokens, RevokedNodes revoked, IssuedCertificates issued,
            AgentRegistry registry, Duration defaultTokenTtl, Duration adminCertificateValidity) {
        this.ca = requireNonNull(ca, "ca is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.revoked = requireNonNull(revoked, "revoked is null");
        this.issued = requireNonNull(issued, "issued is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.defaultTokenTtl = requireNonNull(defaultTokenTtl, "defaultTokenTtl is null");
        this.adminCertificateValidity = requireNonNull(adminCertificateValidity, "adminCertificateValidity is null");
    }

    @Override
    public void createToken(CreateTokenRequest request, StreamObserver<CreateTokenResponse> responses) {
        guarded(responses, () -> {
            Duration ttl = request.getTtlSeconds() == 0 ? defaultTokenTtl : Duration.ofSeconds(request.getTtlSeconds());
            if (ttl.compareTo(MAX_TOKEN_TTL) > 0) {
                throw invalid("ttl " + ttl + " is longer than the maximum of " + MAX_TOKEN_TTL.toDays() + " days");
            }
            int uses = request.getUses() == 0 ? 1 : request.getUses();
            if (uses > MAX_TOKEN_USES) {
                throw invalid("uses " + request.getUses() + " is more than the maximum of " + MAX_TOKEN_USES);
            }
            String node = request.getNode();
            if (!node.isEmpty()) {
                Optional<String> problem = Validation.hostnameProblem(node);
                if (problem.isPresent()) {
                    throw invalid("node name '" + node + "' " + problem.get());
                }
            } else if (request.getReplace()) {
                throw invalid("a replacing token must name the node it replaces (--node NAME)");
            }
            String by = Caller.current().describe();
            JoinTokens.CreatedToken created = tokens.create(ca.authority().fingerprint(), ttl, uses, by,
                    new JoinTokens.Binding(node, request.getReplace()));
            log.info(() -> "join token " + created.info().getId() + " created by " + by + " (ttl " + ttl + ", uses " + uses
                    + (node.isEmpty() ? "" : ", node " + node) + (request.getReplace() ? ", replacing" : "") + ")");
            responses.onNext(CreateTokenResponse.newBuilder().setToken(created.token()).setInfo(created.info()).build());
            responses.onCompleted();
        });
    }

    @Override
    public void listTokens(ListTokensRequest request, StreamObserver<ListTokensResponse> responses) {
        guarded(responses, () -> {
            responses.onNext(ListTokensResponse.newBuilder().addAllTokens(tokens.list()).build());
            responses.onCompleted();
        });
    }

    @Override
    public void revokeToken(RevokeTokenRequest request, StreamObserver<RevokeTokenResponse> responses) {
        guarded(responses, () -> {
            if (!tokens.revoke(request.getId())) {
                throw Status.NOT_FOUND.withDescription("no join token with id '" + request.getId() + "'")
                        .asRuntimeException();
            }
            log.info(() -> "join token " + request.getId() + " revoked by " + Caller.current().describe());
            responses.onNext(RevokeTokenResponse.getDefaultInstance());
            responses.onCompleted();
        });
    }

    @Override
    public void revokeNode(RevokeNodeRequest request, StreamObserver<RevokeNodeResponse> responses) {
        guarded(responses, () -> {
            String node = request.getNode();
            Optional<String> problem = Validation.hostnameProblem(node);
            if (problem.isPresent()) {
                throw invalid("node name '" + node + "' " + problem.get());
            }
            revoked.revoke(node, Caller.current().describe());
            boolean disconnected = registry.disconnect(node,
                    Status.PERMISSION_DENIED.withDescription("node " + node + " has been revoked"));
            log.warning(() -> "node " + node + " revoked by " + Caller.current().describe()
                    + (disconnected ? "; its stream was cut" : ""));
            responses.onNext(RevokeNodeResponse.newBuilder().setDisconnected(disconnected).build());
            responses.onCompleted();
        });
    }

    @Override
    public void issueAdminCertificate(IssueAdminCertificateRequest request,
            StreamObserver<IssueAdminCertificateResponse> responses) {
        guarded(responses, () -> {
            Optional<String> problem = Validation.nameProblem(request.getName());
            if (problem.isPresent()) {
                throw invalid("admin name '" + request.getName() + "' " + problem.get());
            }
            Csr csr = EnrollmentService.parse(request.getCsrDer().toByteArray());
            X509Certificate certificate = ca.authority().issue(csr.publicKey(), new Identity(Role.ADMIN, request.getName()),
                    adminCertificateValidity, List.of(), List.of());
            Caller caller = Caller.current();
            IssuedCertificate recorded = issued.record(certificate, caller.describe(), "", caller.remoteAddress());
            log.info(() -> "admin certificate for " + request.getName() + " (serial " + recorded.getSerial()
                    + ") issued to " + caller.describe());
            responses.onNext(IssueAdminCertificateResponse.newBuilder()
                    .setCertificatePem(Pem.encode(certificate))
                    .setCaCertificatePem(Pem.encode(ca.authority().certificate()))
                    .build());
            responses.onCompleted();
        });
    }

    @Override
    public void listCertificates(ListCertificatesRequest request, StreamObserver<ListCertificatesResponse> responses) {
        guarded(responses, () -> {
            ListCertificatesResponse.Builder response = ListCertificatesResponse.newBuilder();
            for (IssuedCertificate certificate : issued.current()) {
                CertificateInfo info = info(certificate);
                if (request.getRole() == CertificateRole.CERTIFICATE_ROLE_UNSPECIFIED
                        || request.getRole() == info.getRole()) {
                    response.addCertificates(info);
                }
            }
            responses.onNext(response.build());
            responses.onCompleted();
        });
    }

    @Override
    public void revokeCertificate(RevokeCertificateRequest request,
            StreamObserver<RevokeCertificateResponse> responses) {
        guarded(responses, () -> {
            CertificateReference reference = CertificateReference.parse(request.getCertificate()).orElseThrow(() ->
                    invalid("'" + request.getCertificate() + "' is neither a certificate serial (hex) nor a SHA-256"
                            + " fingerprint (64 hex digits)"));
            Optional<IssuedCertificate> known = issued.find(reference);
            // A certificate issued before the coordinator kept its record is refused all the same.
            String serial = known.map(IssuedCertificate::getSerial)
                    .orElse(reference.kind() == CertificateReference.Kind.SERIAL ? reference.hex() : "");
            String fingerprint = known.map(IssuedCertificate::getFingerprintSha256)
                    .orElse(reference.kind() == CertificateReference.Kind.FINGERPRINT ? reference.hex() : "");
            String by = Caller.current().describe();
            revoked.revokeCertificate(serial, fingerprint, by, "revoked by an admin");
            Status status = Status.PERMISSION_DENIED.withDescription("this certificate (" + reference + ") has been revoked");
            int cut = revoked.calls().cut(caller -> (!serial.isEmpty() && serial.equals(caller.serial()))
                    || (!fingerprint.isEmpty() && fingerprint.equals(caller.fingerprint())), status);
            log.warning(() -> "certificate " + reference + known.map(c -> " (" + c.getRole() + " " + c.getName() + ")")
                    .orElse(" (not in the record)") + " revoked by " + by + "; " + cut + " open call(s) cut");
            CertificateInfo info = known.map(this::info).orElse(CertificateInfo.newBuilder()
                    .setSerial(serial).setFingerprintSha256(fingerprint).build()).toBuilder().setRevoked(true).build();
            responses.onNext(RevokeCertificateResponse.newBuilder().setCertificate(info).setCallsCut(cut).build());
            responses.onCompleted();
        });
    }

    private CertificateInfo info(IssuedCertificate certificate) {
        return CertificateInfo.newBuilder()
                .setSerial(certificate.getSerial())
                .setFingerprintSha256(certificate.getFingerprintSha256())
                .setRole(switch (certificate.getRole()) {
                    case CERTIFICATE_ROLE_NODE -> CertificateRole.CERTIFICATE_ROLE_NODE;
                    case CERTIFICATE_ROLE_ADMIN -> CertificateRole.CERTIFICATE_ROLE_ADMIN;
                    default -> CertificateRole.CERTIFICATE_ROLE_UNSPECIFIED;
                })
                .setName(certificate.getName())
                .setIssuedUnixMs(certificate.getIssuedUnixMs())
                .setExpiresUnixMs(certificate.getExpiresUnixMs())
                .setIssuedTo(certificate.getIssuedTo())
                .setTokenId(certificate.getTokenId())
                .setRevoked(issued.isRevoked(certificate))
                .build();
    }

    private static StatusRuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }
}
