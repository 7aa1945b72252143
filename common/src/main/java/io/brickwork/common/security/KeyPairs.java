package io.brickwork.common.security;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** Key generation with the JDK's own provider (never BouncyCastle's: the shaded jars are unsigned). */
public final class KeyPairs {
    private KeyPairs() {}

    /** A fresh EC P-256 (secp256r1) key pair. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), Randomness.SECURE);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate EC P-256 keys", e);
        }
    }
}
