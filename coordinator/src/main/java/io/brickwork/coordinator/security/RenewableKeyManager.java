package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.security.ServerKeyMaterial;
import io.brickwork.common.security.TlsContexts;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * The coordinator's server key and certificate, replaceable while the TLS door stays open: the
 * TLS stack asks for them at every handshake, so the next handshake after {@link #replace}
 * presents the new certificate and open connections keep theirs.
 */
final class RenewableKeyManager extends X509ExtendedKeyManager {
    private volatile X509KeyManager delegate;
    private volatile X509Certificate certificate;

    RenewableKeyManager(ServerKeyMaterial material) {
        replace(material);
    }

    void replace(ServerKeyMaterial material) {
        requireNonNull(material, "material is null");
        delegate = TlsContexts.keyManager(material.key(), material.chain());
        certificate = material.chain().get(0);
    }

    /** The certificate new handshakes present. */
    X509Certificate certificate() {
        return certificate;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        X509KeyManager current = delegate;
        return current instanceof X509ExtendedKeyManager extended
                ? extended.chooseEngineServerAlias(keyType, issuers, engine)
                : current.chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate.getPrivateKey(alias);
    }
}
