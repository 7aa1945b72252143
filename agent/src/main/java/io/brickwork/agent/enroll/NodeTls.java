package io.brickwork.agent.enroll;

import static java.util.Objects.requireNonNull;

import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.util.AdvancedTlsX509KeyManager;
import java.security.KeyStore;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManagerFactory;

/**
 * The agent's side of mutual TLS: its node certificate as the client identity (swappable in
 * place when renewed, so new connections use the new one without a restart) and the cluster
 * CA as the only trusted root.
 */
public final class NodeTls {
    private final AdvancedTlsX509KeyManager keyManager = new AdvancedTlsX509KeyManager();
    private final ChannelCredentials credentials;

    public NodeTls(AgentCredentials stored) {
        requireNonNull(stored, "stored is null");
        keyManager.updateIdentityCredentials(stored.key(), new X509Certificate[] {stored.certificate()});
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("brickwork-ca", stored.ca());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            credentials = TlsChannelCredentials.newBuilder()
                    .keyManager(keyManager)
                    .trustManager(factory.getTrustManagers())
                    .build();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up TLS from " + stored.directory() + ": " + e.getMessage(), e);
        }
    }

    public ChannelCredentials credentials() {
        return credentials;
    }

    /** Use a renewed certificate for every connection from now on. */
    public void replace(PrivateKey key, X509Certificate certificate) {
        keyManager.updateIdentityCredentials(key, new X509Certificate[] {certificate});
    }
}
