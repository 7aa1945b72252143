package io.brickwork.common.security;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Signing through the JDK's providers; BouncyCastle only lays out the bytes. */
final class Signatures {
    private Signatures() {}

    static String algorithmFor(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("cannot sign with a " + key.getAlgorithm()
                    + " key; use EC P-256 or RSA");
        };
    }

    /** A content signer on the JDK's default providers: no setProvider("BC") anywhere. */
    static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(algorithmFor(key)).setSecureRandom(Randomness.SECURE).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with this " + key.getAlgorithm() + " key", e);
        }
    }

    /** Whether the private key belongs to the public key: sign a random challenge and verify it. */
    static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey) {
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            byte[] challenge = Randomness.bytes(32);
            Signature signer = Signature.getInstance(algorithmFor(privateKey));
            signer.initSign(privateKey, Randomness.SECURE);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithmFor(privateKey));
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
