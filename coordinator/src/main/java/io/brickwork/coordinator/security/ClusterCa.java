package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.security.CertificateAuthority;
import io.brickwork.common.security.SecureFiles;
import io.brickwork.common.security.ServerKeyMaterial;
import io.grpc.ServerCredentials;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster CA and the coordinator's own TLS credentials from it. Loaded, or created on the
 * first start, by {@link #start()}: building the coordinator touches no file, and a state
 * directory that is not private stops the start before anything is served. The server
 * certificate is renewed in place ({@link #renewServerCertificateIfDue()}), so a coordinator
 * that runs for longer than its certificate lives needs no restart.
 */
public final class ClusterCa {
    private static final Logger log = Logger.getLogger(ClusterCa.class.getName());

    private final SecuritySettings settings;
    private final Clock clock;
    private CertificateAuthority authority;
    private RenewableKeyManager serverKeys;
    private ServerCredentials serverCredentials;

    public ClusterCa(SecuritySettings settings, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public synchronized void start() {
        if (authority != null) {
            return;
        }
        Path stateDir = settings.stateDir();
        SecureFiles.ensurePrivateDirectory(stateDir);
        CertificateAuthority loaded = CertificateAuthority.loadOrCreate(stateDir.resolve("ca"), clock);
        serverKeys = new RenewableKeyManager(serverMaterial(loaded));
        serverCredentials = ServerTls.credentials(serverKeys, loaded.certificate());
        authority = loaded;
    }

    /**
     * Issues a new server certificate once a third of the current one's life is left (the CA's
     * rule at start, too) and presents it from the next handshake on. Never throws: the current
     * certificate stays in use and the next check tries again.
     *
     * @return whether the certificate was replaced
     */
    public synchronized boolean renewServerCertificateIfDue() {
        requireStarted();
        try {
            ServerKeyMaterial material = serverMaterial(authority);
            if (material.chain().get(0).equals(serverKeys.certificate())) {
                return false;
            }
            serverKeys.replace(material);
            log.info(() -> "the coordinator presents its renewed server certificate from now on, valid until "
                    + material.chain().get(0).getNotAfter().toInstant());
            return true;
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "cannot renew the coordinator's server certificate (will retry)", e);
            return false;
        }
    }

    /** The certificate new TLS handshakes present. */
    public synchronized X509Certificate serverCertificate() {
        requireStarted();
        return serverKeys.certificate();
    }

    private ServerKeyMaterial serverMaterial(CertificateAuthority ca) {
        SecuritySettings.Tls tls = settings.tls();
        return ca.serverMaterial(settings.stateDir().resolve("tls"), tls.dnsNames(), tls.ipAddresses(),
                tls.serverCertificateValidity());
    }

    public synchronized CertificateAuthority authority() {
        requireStarted();
        return authority;
    }

    /** TLS with the coordinator's certificate, client certificates checked against this CA. */
    public synchronized ServerCredentials serverCredentials() {
        requireStarted();
        return serverCredentials;
    }

    private void requireStarted() {
        if (authority == null) {
            throw new IllegalStateException("the cluster CA is not loaded yet (start() first)");
        }
    }
}
