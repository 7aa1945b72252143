package io.brickwork.common.security;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * JDK trust and key managers over in-memory key stores, for whoever builds the SSL contexts
 * (JDK SSLContext, Netty/gRPC SslContextBuilder). Nothing here touches the disk.
 */
public final class TlsContexts {
    // The in-memory PKCS#12 store wants a password; it never leaves this process.
    private static final char[] IN_MEMORY_PASSWORD = "brickwork".toCharArray();

    private TlsContexts() {}

    /**
     * The JDK's PKIX trust manager trusting exactly one CA: chains are validated against it alone,
     * including the extended key usage (clientAuth for clients, serverAuth for servers).
     */
    public static X509TrustManager trustOnly(X509Certificate ca) {
        requireNonNull(ca, "ca is null");
        try {
            KeyStore store = emptyStore();
            store.setCertificateEntry("brickwork-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK's trust manager factory made no X509TrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust manager for the cluster CA: " + e.getMessage(), e);
        }
    }

    /** The JDK's PKIX key manager presenting this one key and chain (leaf first). */
    public static X509KeyManager keyManager(PrivateKey key, List<X509Certificate> chain) {
        requireNonNull(key, "key is null");
        requireNonNull(chain, "chain is null");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain is empty");
        }
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry("brickwork", key, IN_MEMORY_PASSWORD, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
            factory.init(store, IN_MEMORY_PASSWORD);
            for (KeyManager manager : factory.getKeyManagers()) {
                if (manager instanceof X509KeyManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK's key manager factory made no X509KeyManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build a key manager for this key and chain: " + e.getMessage(),
                    e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("an empty key store cannot fail to load", e);
        }
        return store;
    }
}
