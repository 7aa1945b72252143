package io.brickwork.common.security;

import static java.util.Objects.requireNonNull;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust for a node's first contact (join): no CA is known yet, only the SHA-256 fingerprint of
 * the cluster CA carried in the join token. Accepts the coordinator's chain only if it contains
 * that CA, the CA is self-signed and valid, and the leaf is signed by it, valid, and a coordinator
 * server certificate (serverAuth, {@code brickwork://coordinator/...}).
 *
 * <p>Client-side only; after a successful handshake {@link #pinnedCa()} holds the CA to store,
 * and later connections use {@link TlsContexts#trustOnly(X509Certificate)} with it.
 */
public final class PinnedCaTrustManager extends X509ExtendedTrustManager {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final int DIGITAL_SIGNATURE = 0;

    private final String expected;
    private final Clock clock;
    private volatile X509Certificate pinned;

    public PinnedCaTrustManager(String expectedCaFingerprint) {
        this(expectedCaFingerprint, Clock.systemUTC());
    }

    public PinnedCaTrustManager(String expectedCaFingerprint, Clock clock) {
        requireNonNull(expectedCaFingerprint, "expectedCaFingerprint is null");
        if (!Fingerprints.isWellFormed(expectedCaFingerprint)) {
            throw new IllegalArgumentException("CA fingerprint must be " + Fingerprints.HEX_LENGTH
                    + " hex digits (SHA-256), got '" + expectedCaFingerprint + "'");
        }
        this.expected = expectedCaFingerprint.toLowerCase(Locale.ROOT);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The CA that matched the pin, once a server chain has been accepted. */
    public Optional<X509Certificate> pinnedCa() {
        return Optional.ofNullable(pinned);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pinned = verify(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        pinned = verify(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        pinned = verify(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw clientsNotSupported();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw clientsNotSupported();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw clientsNotSupported();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        // Only servers send this list (to pick client certificates); a pin names no issuer in advance.
        return new X509Certificate[0];
    }

    private X509Certificate verify(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("coordinator presented no certificate");
        }
        X509Certificate leaf = chain[0];
        X509Certificate ca = null;
        // Every candidate is hashed and compared, so the time taken does not depend on where a match is.
        for (int i = 1; i < chain.length; i++) {
            if (Fingerprints.matches(expected, chain[i]) && ca == null) {
                ca = chain[i];
            }
        }
        if (ca == null) {
            String presented = chain.length > 1
                    ? "sha256:" + Fingerprints.sha256(chain[chain.length - 1])
                    : "not in its chain (it sent only its own certificate, sha256:" + Fingerprints.sha256(leaf) + ")";
            throw new CertificateException("coordinator's CA is " + presented + " but the token pins sha256:"
                    + expected);
        }
        Date now = Date.from(clock.instant());
        checkCa(ca, now);
        checkLeaf(leaf, ca, now);
        return ca;
    }

    private static void checkCa(X509Certificate ca, Date now) throws CertificateException {
        if (ca.getBasicConstraints() < 0) {
            throw new CertificateException("the pinned certificate is not a CA certificate");
        }
        if (!ca.getSubjectX500Principal().equals(ca.getIssuerX500Principal())) {
            throw new CertificateException("the pinned CA is not self-signed (issuer " + ca.getIssuerX500Principal()
                    + ")");
        }
        try {
            ca.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CertificateException("the pinned CA's self-signature does not verify: " + e.getMessage(), e);
        }
        try {
            ca.checkValidity(now);
        } catch (CertificateException e) {
            throw new CertificateException("the pinned CA is not valid now (valid " + ca.getNotBefore() + " to "
                    + ca.getNotAfter() + ")", e);
        }
    }

    private static void checkLeaf(X509Certificate leaf, X509Certificate ca, Date now) throws CertificateException {
        if (!leaf.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            throw new CertificateException("coordinator's certificate was not issued by the pinned CA (issuer "
                    + leaf.getIssuerX500Principal() + ")");
        }
        try {
            leaf.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CertificateException("coordinator's certificate is not signed by the pinned CA: "
                    + e.getMessage(), e);
        }
        try {
            leaf.checkValidity(now);
        } catch (CertificateException e) {
            throw new CertificateException("coordinator's certificate is not valid now (valid " + leaf.getNotBefore()
                    + " to " + leaf.getNotAfter() + ")", e);
        }
        if (leaf.getBasicConstraints() >= 0) {
            throw new CertificateException("coordinator's certificate is a CA certificate, not a server certificate");
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && !keyUsage[DIGITAL_SIGNATURE]) {
            throw new CertificateException("coordinator's certificate does not allow digitalSignature");
        }
        List<String> extendedKeyUsage;
        try {
            extendedKeyUsage = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new CertificateException("coordinator's certificate has a malformed extended key usage", e);
        }
        if (extendedKeyUsage == null || !extendedKeyUsage.contains(SERVER_AUTH)) {
            throw new CertificateException("coordinator's certificate is not a TLS server certificate (no serverAuth)");
        }
        Optional<Identity> identity = Identity.of(leaf);
        if (identity.isEmpty() || identity.get().role() != Role.COORDINATOR) {
            throw new CertificateException("coordinator's certificate names "
                    + identity.map(Identity::uri).orElse("no brickwork identity") + ", not a coordinator");
        }
    }

    private static CertificateException clientsNotSupported() {
        return new CertificateException("PinnedCaTrustManager only verifies servers (the join flow's client side)");
    }
}
