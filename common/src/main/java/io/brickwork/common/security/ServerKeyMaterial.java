package io.brickwork.common.security;

import static java.util.Objects.requireNonNull;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509KeyManager;

/** The coordinator's TLS server key and its chain, leaf first: [coordinator, cluster CA]. */
public record ServerKeyMaterial(PrivateKey key, List<X509Certificate> chain) {
    public ServerKeyMaterial {
        requireNonNull(key, "key is null");
        chain = List.copyOf(requireNonNull(chain, "chain is null"));
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain is empty");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public X509KeyManager keyManager() {
        return TlsContexts.keyManager(key, chain);
    }

    /** Never the key: records print their components, and this one ends up in logs. */
    @Override
    public String toString() {
        return "ServerKeyMaterial[leaf sha256:" + Fingerprints.sha256(leaf()) + ", chain of " + chain.size() + "]";
    }
}
