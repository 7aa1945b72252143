package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.security.CertificateAuthority;
import io.brickwork.common.security.SecureFiles;
import io.brickwork.common.security.ServerKeyMaterial;
import io.grpc.ServerCredentials;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The cluster CA and the coordinator's own TLS credentials from it. Loaded, or created on the
 * first start, by {@link #start()}: building the coordinator touches no file, and a state
 * directory that is not private stops the start before anything is served.
 */
public final class ClusterCa {
    private final SecuritySettings settings;
    private final Clock clock;
    private CertificateAuthority authority;
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
        SecuritySettings.Tls tls = settings.tls();
        ServerKeyMaterial material = loaded.serverMaterial(stateDir.resolve("tls"), tls.dnsNames(),
                tls.ipAddresses(), tls.serverCertificateValidity());
        serverCredentials = ServerTls.credentials(material, loaded.certificate());
        authority = loaded;
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
