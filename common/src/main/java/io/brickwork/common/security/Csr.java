package io.brickwork.common.security;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A PKCS#10 certificate signing request. The CA takes only the public key from it: the identity
 * it certifies comes from the join token or the caller's certificate, never from the request.
 */
public final class Csr {
    /** Far above a real request (an EC P-256 CSR is ~300 bytes, RSA 8192 ~1.3 KiB). */
    public static final int MAX_BYTES = 16 * 1024;

    private static final Map<ASN1ObjectIdentifier, String> SIGNATURE_ALGORITHMS = Map.of(
            X9ObjectIdentifiers.ecdsa_with_SHA256, "SHA256withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA384, "SHA384withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA512, "SHA512withECDSA",
            PKCSObjectIdentifiers.sha256WithRSAEncryption, "SHA256withRSA",
            PKCSObjectIdentifiers.sha384WithRSAEncryption, "SHA384withRSA",
            PKCSObjectIdentifiers.sha512WithRSAEncryption, "SHA512withRSA");

    private final PublicKey publicKey;
    private final String commonName;

    private Csr(PublicKey publicKey, String commonName) {
        this.publicKey = publicKey;
        this.commonName = commonName;
    }

    /** A DER PKCS#10 request: subject CN=name, the identity's URI asked for in an extensionRequest. */
    public static byte[] create(KeyPair keyPair, Identity identity) {
        requireNonNull(keyPair, "keyPair is null");
        requireNonNull(identity, "identity is null");
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, identity.name()).build();
        try {
            Extensions requested = new Extensions(new Extension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, identity.uri()))
                            .getEncoded(ASN1Encoding.DER)));
            return new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, requested)
                    .build(Signatures.signer(keyPair.getPrivate()))
                    .getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a certificate request", e);
        }
    }

    /**
     * Parses and checks a request from the network: at most {@link #MAX_BYTES}, DER PKCS#10 with
     * nothing after it, an accepted key (EC P-256 or RSA of 2048 bits or more), a SHA-2 signature
     * that verifies with that key, and one subject common name.
     */
    public static Csr parse(byte[] der) throws InvalidCsrException {
        if (der == null || der.length == 0) {
            throw new InvalidCsrException("is empty");
        }
        if (der.length > MAX_BYTES) {
            throw new InvalidCsrException("is " + der.length + " bytes; at most " + MAX_BYTES + " are accepted");
        }
        PKCS10CertificationRequest request;
        try {
            request = new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            throw new InvalidCsrException("is not a DER-encoded PKCS#10 certificate request", e);
        }
        PublicKey publicKey;
        try {
            publicKey = KeyPolicy.accepted(request.getSubjectPublicKeyInfo());
        } catch (IllegalArgumentException e) {
            throw new InvalidCsrException(e.getMessage(), e);
        }
        verifySignature(request, publicKey);
        return new Csr(publicKey, commonName(request.getSubject()));
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The requested subject common name: informational only, the CA does not certify it. */
    public String commonName() {
        return commonName;
    }

    private static void verifySignature(PKCS10CertificationRequest request, PublicKey publicKey)
            throws InvalidCsrException {
        ASN1ObjectIdentifier algorithm = request.getSignatureAlgorithm().getAlgorithm();
        String jdkName = SIGNATURE_ALGORITHMS.get(algorithm);
        if (jdkName == null) {
            throw new InvalidCsrException("signature algorithm " + algorithm.getId()
                    + " is not accepted; sign with SHA-256/384/512 and ECDSA or RSA");
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(jdkName);
            verifier.initVerify(publicKey);
            verifier.update(request.toASN1Structure().getCertificationRequestInfo().getEncoded(ASN1Encoding.DER));
            valid = verifier.verify(request.getSignature());
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new InvalidCsrException("signature cannot be checked (" + jdkName + " with a "
                    + publicKey.getAlgorithm() + " key): " + e.getMessage(), e);
        }
        if (!valid) {
            throw new InvalidCsrException("signature does not verify with the request's own key");
        }
    }

    private static String commonName(X500Name subject) throws InvalidCsrException {
        RDN[] names = subject.getRDNs(BCStyle.CN);
        if (names.length != 1 || names[0].isMultiValued()) {
            throw new InvalidCsrException("subject must have exactly one common name, has " + names.length);
        }
        ASN1Encodable raw = names[0].getFirst().getValue();
        String value = raw instanceof ASN1String text ? text.getString() : IETFUtils.valueToString(raw);
        if (value.isEmpty()) {
            throw new InvalidCsrException("subject common name is empty");
        }
        return value;
    }
}
