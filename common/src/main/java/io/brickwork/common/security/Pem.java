package io.brickwork.common.security;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM (RFC 7468) for certificates and unencrypted PKCS#8 private keys. Text around the blocks is
 * ignored, as the RFC allows; inside a block only base64 and whitespace are accepted.
 */
public final class Pem {
    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]*)-----");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String EC_PUBLIC_KEY_OID = "1.2.840.10045.2.1";
    private static final String RSA_ENCRYPTION_OID = "1.2.840.113549.1.1.1";

    private Pem() {}

    public static String encode(X509Certificate certificate) {
        requireNonNull(certificate, "certificate is null");
        try {
            return block(CERTIFICATE, certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    public static String encode(PrivateKey key) {
        requireNonNull(key, "key is null");
        if (!"PKCS#8".equals(key.getFormat()) || key.getEncoded() == null) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " key in format " + key.getFormat()
                    + " cannot be written as PKCS#8");
        }
        return block(PRIVATE_KEY, key.getEncoded());
    }

    /** Exactly one certificate. */
    public static X509Certificate certificate(String pem) {
        List<X509Certificate> certificates = certificates(pem);
        if (certificates.size() != 1) {
            throw new PemException("expected one certificate, found " + certificates.size());
        }
        return certificates.get(0);
    }

    /** One or more certificates, in the order written (a chain: leaf first). */
    public static List<X509Certificate> certificates(String pem) {
        List<Block> blocks = blocks(pem, CERTIFICATE);
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this JDK has no X.509 certificate factory", e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks) {
            if (!block.label().equals(CERTIFICATE)) {
                throw new PemException("expected " + CERTIFICATE + " blocks, found " + block.label());
            }
            int number = certificates.size() + 1;
            ByteArrayInputStream in = new ByteArrayInputStream(block.der());
            X509Certificate certificate;
            try {
                certificate = (X509Certificate) factory.generateCertificate(in);
            } catch (CertificateException | RuntimeException e) {
                throw new PemException("certificate " + number + " is not a valid X.509 certificate: "
                        + e.getMessage(), e);
            }
            if (in.available() != 0) {
                throw new PemException("certificate " + number + " has data after its end");
            }
            certificates.add(certificate);
        }
        return List.copyOf(certificates);
    }

    /** One unencrypted PKCS#8 ({@code PRIVATE KEY}) EC or RSA key. */
    public static PrivateKey privateKey(String pem) {
        List<Block> blocks = blocks(pem, PRIVATE_KEY);
        if (blocks.size() != 1) {
            throw new PemException("expected one private key, found " + blocks.size() + " PEM blocks");
        }
        Block block = blocks.get(0);
        switch (block.label()) {
            case PRIVATE_KEY -> { }
            case "EC PRIVATE KEY", "RSA PRIVATE KEY" -> throw new PemException("found a " + block.label()
                    + " block (SEC1/PKCS#1); convert it to PKCS#8 with `openssl pkcs8 -topk8 -nocrypt`");
            case "ENCRYPTED PRIVATE KEY" -> throw new PemException(
                    "the private key is encrypted; only unencrypted PKCS#8 keys are supported");
            default -> throw new PemException("expected a " + PRIVATE_KEY + " block, found " + block.label());
        }
        String oid = Pkcs8.algorithmOid(block.der());
        String algorithm = switch (oid) {
            case EC_PUBLIC_KEY_OID -> "EC";
            case RSA_ENCRYPTION_OID -> "RSA";
            default -> throw new PemException("private key algorithm " + oid + " is not supported (EC or RSA only)");
        };
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(block.der()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new PemException(algorithm + " private key is not valid PKCS#8: " + e.getMessage(), e);
        }
    }

    private record Block(String label, byte[] der) {}

    private static List<Block> blocks(String pem, String expected) {
        requireNonNull(pem, "pem is null");
        List<Block> blocks = new ArrayList<>();
        Matcher begin = BEGIN.matcher(pem);
        int from = 0;
        while (begin.find(from)) {
            String label = begin.group(1);
            String end = "-----END " + label + "-----";
            int endAt = pem.indexOf(end, begin.end());
            if (endAt < 0) {
                throw new PemException("-----BEGIN " + label + "----- has no matching " + end);
            }
            String body = WHITESPACE.matcher(pem.substring(begin.end(), endAt)).replaceAll("");
            byte[] der;
            try {
                der = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new PemException("the " + label + " block is not valid base64: " + e.getMessage(), e);
            }
            if (der.length == 0) {
                throw new PemException("the " + label + " block is empty");
            }
            blocks.add(new Block(label, der));
            from = endAt + end.length();
        }
        if (blocks.isEmpty()) {
            throw new PemException("no PEM block found (expected -----BEGIN " + expected + "-----)");
        }
        return blocks;
    }

    private static String block(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }
}
