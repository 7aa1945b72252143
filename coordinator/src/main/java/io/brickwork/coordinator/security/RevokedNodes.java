package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.coordinator.state.v1.RevocationFile;
import io.brickwork.proto.coordinator.state.v1.RevokedCertificate;
import io.brickwork.proto.coordinator.state.v1.RevokedNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is refused for good: node names (their certificates stop working at once and they cannot
 * join again under that name) and single certificates, admin or node, by serial or fingerprint.
 * Kept in memory for the per-call check, on disk for restarts. Also knows the calls open with a
 * certificate ({@link #calls()}), so a revocation can end them.
 */
public final class RevokedNodes {
    private final Path file;
    private final Clock clock;
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final Set<String> serials = ConcurrentHashMap.newKeySet();
    private final Set<String> fingerprints = ConcurrentHashMap.newKeySet();
    private final OpenCalls calls = new OpenCalls();

    public RevokedNodes(Path file, Clock clock) {
        this.file = requireNonNull(file, "file is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Reads the revocations made before a restart; the coordinator does so before it serves anyone. */
    public void load() {
        RevocationFile stored = stored();
        for (RevokedNode node : stored.getNodesList()) {
            names.add(key(node.getName()));
        }
        for (RevokedCertificate certificate : stored.getCertificatesList()) {
            remember(certificate);
        }
    }

    public boolean isRevoked(String node) {
        return names.contains(key(node));
    }

    /** Whether the caller's certificate has been revoked on its own (by serial or fingerprint). */
    public boolean isRevoked(Caller caller) {
        return caller.hasCertificate()
                && (serials.contains(caller.serial()) || fingerprints.contains(caller.fingerprint()));
    }

    public boolean isRevokedCertificate(String serial, String fingerprint) {
        return (!serial.isEmpty() && serials.contains(serial))
                || (!fingerprint.isEmpty() && fingerprints.contains(fingerprint));
    }

    public OpenCalls calls() {
        return calls;
    }

    public synchronized void revoke(String node, String by) {
        if (!names.add(key(node))) {
            return;
        }
        RevocationFile current = stored();
        ProtoFiles.write(file, current.toBuilder()
                .addNodes(RevokedNode.newBuilder().setName(node).setRevokedUnixMs(clock.millis()).setRevokedBy(by))
                .build());
    }

    /**
     * Refuses the certificate with this serial and fingerprint (either may be empty when unknown)
     * from the next call on; written to disk before returning. Open calls are not touched: see
     * {@link #calls()}.
     *
     * @return false when it was already revoked
     */
    public synchronized boolean revokeCertificate(String serial, String fingerprint, String by, String reason) {
        requireNonNull(serial, "serial is null");
        requireNonNull(fingerprint, "fingerprint is null");
        if (serial.isEmpty() && fingerprint.isEmpty()) {
            throw new IllegalArgumentException("a serial or a fingerprint is needed");
        }
        boolean known = (serial.isEmpty() || serials.contains(serial))
                && (fingerprint.isEmpty() || fingerprints.contains(fingerprint));
        if (known) {
            return false;
        }
        RevokedCertificate revoked = RevokedCertificate.newBuilder()
                .setSerial(serial)
                .setFingerprintSha256(fingerprint)
                .setRevokedUnixMs(clock.millis())
                .setRevokedBy(by)
                .setReason(reason)
                .build();
        ProtoFiles.write(file, stored().toBuilder().addCertificates(revoked).build());
        remember(revoked);
        return true;
    }

    private void remember(RevokedCertificate certificate) {
        if (!certificate.getSerial().isEmpty()) {
            serials.add(certificate.getSerial());
        }
        if (!certificate.getFingerprintSha256().isEmpty()) {
            fingerprints.add(certificate.getFingerprintSha256());
        }
    }

    private RevocationFile stored() {
        return ProtoFiles.read(file, RevocationFile.parser(), RevocationFile.getDefaultInstance());
    }

    /** Host names are case-insensitive: NODE1 must not slip past a revoked node1. */
    private static String key(String node) {
        return node.toLowerCase(Locale.ROOT);
    }
}
