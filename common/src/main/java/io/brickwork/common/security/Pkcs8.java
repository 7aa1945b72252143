package io.brickwork.common.security;

/**
 * Reads the algorithm of an unencrypted PKCS#8 key (RFC 5208 PrivateKeyInfo: SEQUENCE { INTEGER
 * version, SEQUENCE { OBJECT IDENTIFIER algorithm, ... }, OCTET STRING key }) with a few lines of
 * DER instead of BouncyCastle: the agent reads its key at every start, and BouncyCastle's ASN.1
 * classes would stay loaded for the life of the process. The key itself is then checked by the
 * JDK's KeyFactory.
 */
final class Pkcs8 {
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int OBJECT_IDENTIFIER = 0x06;

    private Pkcs8() {}

    /** The algorithm OID in dotted form. */
    static String algorithmOid(byte[] der) {
        Reader reader = new Reader(der);
        reader.enter(SEQUENCE);
        reader.skip(INTEGER);
        reader.enter(SEQUENCE);
        return dotted(reader.read(OBJECT_IDENTIFIER));
    }

    private static String dotted(byte[] oid) {
        if (oid.length == 0) {
            throw new PemException("private key is not valid PKCS#8: empty algorithm identifier");
        }
        StringBuilder text = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (int i = 0; i < oid.length; i++) {
            if (value > (Long.MAX_VALUE >> 7)) {
                throw new PemException("private key is not valid PKCS#8: algorithm identifier too long");
            }
            value = (value << 7) | (oid[i] & 0x7f);
            if ((oid[i] & 0x80) != 0) {
                if (i == oid.length - 1) {
                    throw new PemException("private key is not valid PKCS#8: truncated algorithm identifier");
                }
                continue;
            }
            if (first) {
                long top = Math.min(value / 40, 2);
                text.append(top).append('.').append(value - top * 40);
                first = false;
            } else {
                text.append('.').append(value);
            }
            value = 0;
        }
        return text.toString();
    }

    /** Definite-length DER only, which is all PKCS#8 allows. */
    private static final class Reader {
        private final byte[] der;
        private int at;
        private int end;

        Reader(byte[] der) {
            this.der = der;
            this.end = der.length;
        }

        /** Steps into a constructed element: what follows is its content. */
        void enter(int tag) {
            int length = header(tag);
            end = at + length;
        }

        void skip(int tag) {
            int length = header(tag);
            at += length;
        }

        byte[] read(int tag) {
            int length = header(tag);
            byte[] value = java.util.Arrays.copyOfRange(der, at, at + length);
            at += length;
            return value;
        }

        /** Reads tag and length; returns the length, checked to fit in the enclosing element. */
        private int header(int tag) {
            if (at >= end || (der[at] & 0xff) != tag) {
                throw invalid();
            }
            at++;
            if (at >= end) {
                throw invalid();
            }
            int first = der[at++] & 0xff;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int bytes = first & 0x7f;
                if (bytes == 0 || bytes > 3 || at + bytes > end) {
                    throw invalid();
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[at++] & 0xff);
                }
            }
            if (length > end - at) {
                throw invalid();
            }
            return length;
        }

        private static PemException invalid() {
            return new PemException("private key is not valid PKCS#8");
        }
    }
}
