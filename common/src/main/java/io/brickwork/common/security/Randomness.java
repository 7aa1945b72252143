package io.brickwork.common.security;

import java.math.BigInteger;
import java.security.SecureRandom;

/** One SecureRandom for key generation, serials and names (SecureRandom is thread-safe). */
final class Randomness {
    static final SecureRandom SECURE = new SecureRandom();

    private Randomness() {}

    /** A positive, non-zero 128-bit serial number (RFC 5280 allows up to 20 octets). */
    static BigInteger serial() {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            SECURE.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        SECURE.nextBytes(bytes);
        return bytes;
    }
}
