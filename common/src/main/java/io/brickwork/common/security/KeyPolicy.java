package io.brickwork.common.security;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Which public keys the CA certifies: EC on the named curve P-256, or RSA of 2048 to 8192 bits. */
final class KeyPolicy {
    static final int MIN_RSA_BITS = 2048;
    // An upper bound too: a 16 KiB CSR could otherwise make every verification very slow.
    static final int MAX_RSA_BITS = 8192;

    private KeyPolicy() {}

    /** The key as a JDK PublicKey; IllegalArgumentException with the reason when it is refused. */
    static PublicKey accepted(SubjectPublicKeyInfo info) {
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        String jdkAlgorithm;
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            // Named curve only: explicit curve parameters are how curve-substitution attacks get in.
            if (!SECObjectIdentifiers.secp256r1.equals(info.getAlgorithm().getParameters())) {
                throw new IllegalArgumentException("EC key is not on the named curve P-256 (secp256r1)");
            }
            jdkAlgorithm = "EC";
        } else if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            int bits;
            try {
                bits = RSAPublicKey.getInstance(info.parsePublicKey()).getModulus().bitLength();
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("RSA key is malformed", e);
            }
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                throw new IllegalArgumentException("RSA key has " + bits + " bits; " + MIN_RSA_BITS + " to "
                        + MAX_RSA_BITS + " are accepted");
            }
            jdkAlgorithm = "RSA";
        } else {
            throw new IllegalArgumentException("key algorithm " + algorithm.getId()
                    + " is not accepted; use EC P-256 or RSA (2048 bits or more)");
        }
        try {
            return KeyFactory.getInstance(jdkAlgorithm)
                    .generatePublic(new X509EncodedKeySpec(info.getEncoded(ASN1Encoding.DER)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no " + jdkAlgorithm + " key factory", e);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(jdkAlgorithm + " key is malformed: " + e.getMessage(), e);
        }
    }

    static void requireAccepted(PublicKey key) {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("public key has no X.509 encoding", e);
        }
        if (info == null) {
            throw new IllegalArgumentException("public key has no X.509 encoding");
        }
        accepted(info);
    }
}
