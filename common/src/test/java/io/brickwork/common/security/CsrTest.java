package io.brickwork.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class CsrTest {
    private static final Identity NODE = new Identity(Role.NODE, "node1");

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    @Test
    void parseGivesBackTheKeyAndCommonName() throws Exception {
        KeyPair keyPair = KeyPairs.generate();
        Csr csr = Csr.parse(Csr.create(keyPair, NODE));
        assertEquals(keyPair.getPublic(), csr.publicKey());
        assertEquals("node1", csr.commonName());
    }

    @Test
    void rsa2048IsAccepted() throws Exception {
        KeyPair keyPair = rsa(2048);
        assertEquals(keyPair.getPublic(), Csr.parse(Csr.create(keyPair, NODE)).publicKey());
    }

    @Test
    void flippedSignatureByteIsRejected() {
        byte[] der = Csr.create(KeyPairs.generate(), NODE);
        // The signature BIT STRING ends the DER: its last byte is the low byte of ECDSA's s.
        der[der.length - 1] ^= 0x01;
        InvalidCsrException e = assertThrows(InvalidCsrException.class, () -> Csr.parse(der));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
    }

    @Test
    void requestSignedByAnotherKeyIsRejected() throws Exception {
        KeyPair claimed = KeyPairs.generate();
        KeyPair signer = KeyPairs.generate();
        byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=node1"), claimed.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()))
                .getEncoded();
        InvalidCsrException e = assertThrows(InvalidCsrException.class, () -> Csr.parse(der));
        assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
    }

    @Test
    void requestWithoutCommonNameIsRejected() throws Exception {
        KeyPair keyPair = KeyPairs.generate();
        byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name("O=Brickwork"), keyPair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()))
                .getEncoded();
        InvalidCsrException e = assertThrows(InvalidCsrException.class, () -> Csr.parse(der));
        assertTrue(e.getMessage().contains("common name"), e.getMessage());
    }

    @Test
    void oversizeIsRejectedBeforeParsing() {
        byte[] huge = new byte[Csr.MAX_BYTES + 1];
        InvalidCsrException e = assertThrows(InvalidCsrException.class, () -> Csr.parse(huge));
        assertTrue(e.getMessage().contains("at most 16384"), e.getMessage());
    }

    @Test
    void garbageIsRejected() {
        InvalidCsrException e = assertThrows(InvalidCsrException.class,
                () -> Csr.parse("not a csr".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("PKCS#10"), e.getMessage());
    }

    @Test
    void emptyIsRejected() {
        assertThrows(InvalidCsrException.class, () -> Csr.parse(new byte[0]));
        assertThrows(InvalidCsrException.class, () -> Csr.parse(null));
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] der = Csr.create(KeyPairs.generate(), NODE);
        byte[] longer = Arrays.copyOf(der, der.length + 1);
        assertThrows(InvalidCsrException.class, () -> Csr.parse(longer));
    }

    @Test
    void shortRsaKeyIsRejected() throws Exception {
        InvalidCsrException e = assertThrows(InvalidCsrException.class, () -> Csr.parse(Csr.create(rsa(1024), NODE)));
        assertTrue(e.getMessage().contains("1024 bits"), e.getMessage());
    }

    @Test
    void otherEcCurveIsRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        InvalidCsrException e = assertThrows(InvalidCsrException.class,
                () -> Csr.parse(Csr.create(generator.generateKeyPair(), NODE)));
        assertTrue(e.getMessage().contains("P-256"), e.getMessage());
    }
}
