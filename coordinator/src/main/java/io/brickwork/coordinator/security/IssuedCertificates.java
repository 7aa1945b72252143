package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.security.Fingerprints;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.Role;
import io.brickwork.proto.coordinator.state.v1.CertificateRole;
import io.brickwork.proto.coordinator.state.v1.IssuedCertificate;
import io.brickwork.proto.coordinator.state.v1.IssuedCertificateFile;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every node and admin certificate the CA issued and that has not expired: serial,
 * fingerprint, name, expiry, and who asked for it. This is what tells the coordinator that a
 * name is taken, and what lets an operator revoke one admin's certificate by its serial.
 *
 * <p>Written whole and atomically on every issue; expired entries are dropped then (TLS refuses
 * an expired certificate whatever this record says).
 */
public final class IssuedCertificates {
    private final Path file;
    private final Clock clock;
    private final RevokedNodes revoked;

    public IssuedCertificates(Path file, Clock clock, RevokedNodes revoked) {
        this.file = requireNonNull(file, "file is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.revoked = requireNonNull(revoked, "revoked is null");
    }

    /**
     * Records a certificate just issued. Written to disk before the certificate is handed out,
     * so a crash cannot leave a certificate that the record does not know.
     */
    public synchronized IssuedCertificate record(X509Certificate certificate, String issuedTo, String tokenId,
            Optional<String> remoteAddress) {
        Identity identity = Identity.of(certificate).orElseThrow(() ->
                new IllegalArgumentException("the certificate carries no Brickwork identity"));
        IssuedCertificate issued = IssuedCertificate.newBuilder()
                .setSerial(CertificateReference.serial(certificate))
                .setFingerprintSha256(Fingerprints.sha256(certificate))
                .setRole(role(identity.role()))
                .setName(identity.name())
                .setIssuedUnixMs(clock.millis())
                .setExpiresUnixMs(certificate.getNotAfter().getTime())
                .setIssuedTo(issuedTo)
                .setTokenId(tokenId)
                .setRemoteAddress(remoteAddress.orElse(""))
                .build();
        long now = clock.millis();
        IssuedCertificateFile.Builder next = IssuedCertificateFile.newBuilder();
        for (IssuedCertificate existing : load().getCertificatesList()) {
            if (existing.getExpiresUnixMs() > now) {
                next.addCertificates(existing);
            }
        }
        ProtoFiles.write(file, next.addCertificates(issued).build());
        return issued;
    }

    /** The node's certificates that still work: not expired, not revoked (by name or on their own). */
    public synchronized List<IssuedCertificate> liveNodeCertificates(String node) {
        if (revoked.isRevoked(node)) {
            return List.of();
        }
        return current().stream()
                .filter(c -> c.getRole() == CertificateRole.CERTIFICATE_ROLE_NODE && c.getName().equalsIgnoreCase(node))
                .filter(c -> !isRevoked(c))
                .toList();
    }

    /**
     * Revokes the node's live certificates issued before {@code serial}. Called once the node's
     * agent has connected with {@code serial}: a renewal leaves the previous certificate valid
     * while the agent still uses it, and from then on nobody needs it.
     *
     * @return the serials revoked
     */
    public synchronized List<String> retireOlderThan(String node, String serial) {
        Optional<IssuedCertificate> current = current().stream()
                .filter(c -> c.getSerial().equals(serial) && c.getName().equalsIgnoreCase(node)).findFirst();
        if (current.isEmpty()) {
            return List.of();
        }
        List<String> retired = new ArrayList<>();
        for (IssuedCertificate older : liveNodeCertificates(node)) {
            if (older.getIssuedUnixMs() < current.get().getIssuedUnixMs()) {
                revoked.revokeCertificate(older.getSerial(), older.getFingerprintSha256(), "coordinator",
                        "superseded by serial " + serial + ", which the node connected with");
                retired.add(older.getSerial());
            }
        }
        return retired;
    }

    /** Unexpired certificates, oldest first. */
    public synchronized List<IssuedCertificate> current() {
        long now = clock.millis();
        return load().getCertificatesList().stream().filter(c -> c.getExpiresUnixMs() > now).toList();
    }

    public synchronized Optional<IssuedCertificate> find(CertificateReference reference) {
        return load().getCertificatesList().stream()
                .filter(c -> switch (reference.kind()) {
                    case SERIAL -> c.getSerial().equals(reference.hex());
                    case FINGERPRINT -> c.getFingerprintSha256().equals(reference.hex());
                })
                .findFirst();
    }

    public boolean isRevoked(IssuedCertificate certificate) {
        return revoked.isRevokedCertificate(certificate.getSerial(), certificate.getFingerprintSha256())
                || (certificate.getRole() == CertificateRole.CERTIFICATE_ROLE_NODE && revoked.isRevoked(certificate.getName()));
    }

    private IssuedCertificateFile load() {
        return ProtoFiles.read(file, IssuedCertificateFile.parser(), IssuedCertificateFile.getDefaultInstance());
    }

    static CertificateRole role(Role role) {
        return switch (role) {
            case NODE -> CertificateRole.CERTIFICATE_ROLE_NODE;
            case ADMIN -> CertificateRole.CERTIFICATE_ROLE_ADMIN;
            case COORDINATOR -> throw new IllegalArgumentException("the coordinator's own certificate is not recorded");
        };
    }
}
