package io.brickwork.common.security;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.validation.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * The cluster CA, owned by the coordinator: {@code ca.key} (PKCS#8 PEM, 0600) and {@code ca.crt}
 * (PEM) in a 0700 directory. It certifies public keys for identities the caller has already
 * authorised; it never takes an identity from a certificate request.
 *
 * <p>Thread-safe: the key and certificate never change after loading.
 */
public final class CertificateAuthority {
    public static final String KEY_FILE = "ca.key";
    public static final String CERTIFICATE_FILE = "ca.crt";
    public static final String SERVER_KEY_FILE = "coordinator.key";
    public static final String SERVER_CERTIFICATE_FILE = "coordinator.crt";
    /** The DNS name every coordinator certificate carries; clients use it as the TLS authority. */
    public static final String COORDINATOR_DNS_NAME = "brickwork-coordinator";
    /** Certificates start this far in the past, so a node whose clock is a little behind accepts them. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Logger log = Logger.getLogger(CertificateAuthority.class.getName());
    private static final int CA_VALIDITY_YEARS = 10;

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String fingerprint;
    private final Clock clock;

    private CertificateAuthority(PrivateKey key, X509Certificate certificate, Clock clock) {
        this.key = key;
        this.certificate = certificate;
        this.fingerprint = Fingerprints.sha256(certificate);
        this.clock = clock;
    }

    /**
     * Loads the CA from {@code dir}, or creates it there if neither file exists. Refuses (with
     * {@link InsecurePermissionsException}) a directory or key that group or other can reach, and
     * (with IllegalStateException) a directory holding only one of the two files or files that
     * do not belong together: a new CA would orphan every certificate the cluster holds.
     */
    public static CertificateAuthority loadOrCreate(Path dir, Clock clock) {
        requireNonNull(dir, "dir is null");
        requireNonNull(clock, "clock is null");
        SecureFiles.ensurePrivateDirectory(dir);
        Path keyFile = dir.resolve(KEY_FILE);
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        boolean hasKey = Files.exists(keyFile);
        boolean hasCertificate = Files.exists(certificateFile);
        if (hasKey && hasCertificate) {
            return load(keyFile, certificateFile, clock);
        }
        if (hasKey || hasCertificate) {
            Path present = hasKey ? keyFile : certificateFile;
            Path missing = hasKey ? certificateFile : keyFile;
            throw new IllegalStateException(present + " exists but " + missing + " does not: restore the missing"
                    + " file from a backup (creating a new CA would orphan every certificate in the cluster)");
        }
        return create(keyFile, certificateFile, clock);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-256 of the CA certificate, 64 lowercase hex digits: what join tokens pin. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Certifies {@code key} (EC P-256 or RSA of 2048 bits or more) as {@code identity}: subject
     * CN=name, O=Brickwork, OU=role; SANs: the identity URI, then the DNS names and IP addresses;
     * clientAuth (plus serverAuth for a coordinator). Valid from {@link #CLOCK_SKEW} ago for
     * {@code validity}, but never past the CA's own expiry.
     */
    public X509Certificate issue(PublicKey key, Identity identity, Duration validity, List<String> dnsNames,
            List<String> ipAddresses) {
        requireNonNull(key, "key is null");
        requireNonNull(identity, "identity is null");
        requireNonNull(validity, "validity is null");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive, got " + validity);
        }
        KeyPolicy.requireAccepted(key);
        GeneralNames names = subjectAlternativeNames(identity, dnsNames, ipAddresses);
        Instant now = clock.instant();
        Instant caExpiry = certificate.getNotAfter().toInstant();
        if (!now.isBefore(caExpiry)) {
            throw new IllegalStateException("the cluster CA (sha256:" + fingerprint + ") expired at " + caExpiry);
        }
        Instant notAfter = now.plus(validity).isAfter(caExpiry) ? caExpiry : now.plus(validity);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Brickwork")
                .addRDN(BCStyle.OU, identity.role().pathSegment())
                .addRDN(BCStyle.CN, identity.name())
                .build();
        KeyPurposeId[] purposes = identity.role() == Role.COORDINATOR
                ? new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}
                : new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth};
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, Randomness.serial(),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter), subject, key)
                    .addExtension(Extension.subjectAlternativeName, false, names)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            return sign(builder, this.key);
        } catch (CertIOException | NoSuchAlgorithmException | CertificateException e) {
            throw new IllegalStateException("cannot issue a certificate for " + identity + ": " + e.getMessage(), e);
        }
    }

    /** The subject OU of certificates for gluster's own TLS. */
    public static final String GLUSTER_UNIT = "gluster";

    /**
     * Certifies {@code key} for gluster's own TLS on node {@code nodeName}: subject CN=node name
     * (what gluster's {@code auth.ssl-allow} matches), O=Brickwork, OU={@value #GLUSTER_UNIT};
     * serverAuth and clientAuth (glusterd and bricks serve, FUSE clients and peers dial). It
     * carries no {@code brickwork://} identity, so Brickwork never takes it for a node's
     * certificate. Valid from {@link #CLOCK_SKEW} ago for {@code validity}, never past the CA.
     */
    public X509Certificate issueGluster(PublicKey key, String nodeName, Duration validity) {
        requireNonNull(key, "key is null");
        requireNonNull(validity, "validity is null");
        // The same rule as a node's identity: the name is the node's.
        new Identity(Role.NODE, requireNonNull(nodeName, "nodeName is null"));
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive, got " + validity);
        }
        KeyPolicy.requireAccepted(key);
        Instant now = clock.instant();
        Instant caExpiry = certificate.getNotAfter().toInstant();
        if (!now.isBefore(caExpiry)) {
            throw new IllegalStateException("the cluster CA (sha256:" + fingerprint + ") expired at " + caExpiry);
        }
        Instant notAfter = now.plus(validity).isAfter(caExpiry) ? caExpiry : now.plus(validity);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Brickwork")
                .addRDN(BCStyle.OU, GLUSTER_UNIT)
                .addRDN(BCStyle.CN, nodeName)
                .build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, Randomness.serial(),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter), subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            return sign(builder, this.key);
        } catch (CertIOException | NoSuchAlgorithmException | CertificateException e) {
            throw new IllegalStateException("cannot issue a gluster certificate for " + nodeName + ": " + e.getMessage(), e);
        }
    }

    /**
     * The coordinator's own TLS server key and certificate, kept as {@code coordinator.key} (0600)
     * and {@code coordinator.crt} in {@code dir}. Issued anew (with a new key) when either is
     * missing or unreadable, when they do not belong together or to this CA, when less than a third
     * of the certificate's lifetime is left, or when its SANs differ from the ones asked for
     * ({@value #COORDINATOR_DNS_NAME} is always among them).
     */
    public ServerKeyMaterial serverMaterial(Path dir, List<String> dnsNames, List<String> ips, Duration validity) {
        requireNonNull(dir, "dir is null");
        requireNonNull(dnsNames, "dnsNames is null");
        requireNonNull(ips, "ips is null");
        requireNonNull(validity, "validity is null");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive, got " + validity);
        }
        SecureFiles.ensurePrivateDirectory(dir);
        Identity identity = new Identity(Role.COORDINATOR, COORDINATOR_DNS_NAME);
        List<String> allDnsNames = new ArrayList<>();
        allDnsNames.add(COORDINATOR_DNS_NAME);
        allDnsNames.addAll(dnsNames);
        GeneralNames wanted = subjectAlternativeNames(identity, allDnsNames, ips);

        Path keyFile = dir.resolve(SERVER_KEY_FILE);
        Path certificateFile = dir.resolve(SERVER_CERTIFICATE_FILE);
        if (Files.exists(keyFile)) {
            SecureFiles.requirePrivateFile(keyFile);
        }
        ExistingServerMaterial existing = existingServerMaterial(keyFile, certificateFile, wanted);
        if (existing.usable().isPresent()) {
            return existing.usable().get();
        }
        KeyPair keyPair = KeyPairs.generate();
        X509Certificate leaf = issue(keyPair.getPublic(), identity, validity, allDnsNames, ips);
        // Key first: a crash between the two writes leaves a mismatched pair, which the next start re-issues.
        SecureFiles.writePrivate(keyFile, Pem.encode(keyPair.getPrivate()).getBytes(StandardCharsets.US_ASCII));
        SecureFiles.writePublic(certificateFile, Pem.encode(leaf).getBytes(StandardCharsets.US_ASCII));
        log.info(() -> "issued the coordinator's server certificate sha256:" + Fingerprints.sha256(leaf) + " ("
                + existing.reissueBecause() + "), valid until " + leaf.getNotAfter().toInstant());
        return new ServerKeyMaterial(keyPair.getPrivate(), List.of(leaf, certificate));
    }

    /** Either usable material from disk, or why it must be issued anew. */
    private record ExistingServerMaterial(Optional<ServerKeyMaterial> usable, String reissueBecause) {
        static ExistingServerMaterial reissue(String because) {
            return new ExistingServerMaterial(Optional.empty(), because);
        }
    }

    private ExistingServerMaterial existingServerMaterial(Path keyFile, Path certificateFile, GeneralNames wanted) {
        if (!Files.exists(keyFile) || !Files.exists(certificateFile)) {
            return ExistingServerMaterial.reissue("none yet");
        }
        PrivateKey serverKey;
        X509Certificate leaf;
        try {
            serverKey = Pem.privateKey(read(keyFile));
            leaf = Pem.certificate(read(certificateFile));
        } catch (PemException e) {
            return ExistingServerMaterial.reissue("the files were unreadable: " + e.getMessage());
        }
        try {
            leaf.verify(certificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            return ExistingServerMaterial.reissue("the old one was not issued by this CA");
        }
        if (!Signatures.belongTogether(serverKey, leaf.getPublicKey())) {
            return ExistingServerMaterial.reissue("the key did not match the certificate");
        }
        Instant now = clock.instant();
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        Duration lifetime = Duration.between(notBefore, notAfter);
        if (Duration.between(now, notAfter).compareTo(lifetime.dividedBy(3)) < 0) {
            return ExistingServerMaterial.reissue("the old one expires at " + notAfter);
        }
        if (now.isBefore(notBefore)) {
            return ExistingServerMaterial.reissue("the old one is valid only from " + notBefore);
        }
        Set<GeneralName> actual;
        try {
            GeneralNames names = GeneralNames.fromExtensions(new JcaX509CertificateHolder(leaf).getExtensions(),
                    Extension.subjectAlternativeName);
            actual = names == null ? Set.of() : Set.of(names.getNames());
        } catch (CertificateException | IllegalArgumentException e) {
            return ExistingServerMaterial.reissue("the old one's names were unreadable");
        }
        if (!actual.equals(Set.of(wanted.getNames()))) {
            return ExistingServerMaterial.reissue("the names changed");
        }
        ServerKeyMaterial usable = new ServerKeyMaterial(serverKey, List.of(leaf, certificate));
        return new ExistingServerMaterial(Optional.of(usable), "");
    }

    private static CertificateAuthority create(Path keyFile, Path certificateFile, Clock clock) {
        KeyPair keyPair = KeyPairs.generate();
        Instant now = clock.instant();
        Instant notAfter = now.atZone(ZoneOffset.UTC).plusYears(CA_VALIDITY_YEARS).toInstant();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, "Brickwork cluster CA " + HexFormat.of().formatHex(Randomness.bytes(4)))
                .build();
        X509Certificate certificate;
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, Randomness.serial(),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter), subject, keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            certificate = sign(builder, keyPair.getPrivate());
        } catch (CertIOException | NoSuchAlgorithmException | CertificateException e) {
            throw new IllegalStateException("cannot create the cluster CA certificate: " + e.getMessage(), e);
        }
        SecureFiles.writePrivate(keyFile, Pem.encode(keyPair.getPrivate()).getBytes(StandardCharsets.US_ASCII));
        SecureFiles.writePublic(certificateFile, Pem.encode(certificate).getBytes(StandardCharsets.US_ASCII));
        CertificateAuthority ca = new CertificateAuthority(keyPair.getPrivate(), certificate, clock);
        log.info(() -> "created the cluster CA '" + certificate.getSubjectX500Principal().getName() + "' in "
                + keyFile.getParent() + ", sha256:" + ca.fingerprint());
        return ca;
    }

    private static CertificateAuthority load(Path keyFile, Path certificateFile, Clock clock) {
        SecureFiles.requirePrivateFile(keyFile);
        PrivateKey key;
        X509Certificate certificate;
        try {
            key = Pem.privateKey(read(keyFile));
        } catch (PemException e) {
            throw new IllegalStateException(keyFile + " is not the CA's private key: " + e.getMessage(), e);
        }
        try {
            certificate = Pem.certificate(read(certificateFile));
        } catch (PemException e) {
            throw new IllegalStateException(certificateFile + " is not the CA's certificate: " + e.getMessage(), e);
        }
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalStateException(certificateFile + " is not a CA certificate");
        }
        try {
            certificate.verify(certificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(certificateFile + " is not a self-signed CA certificate", e);
        }
        if (!Signatures.belongTogether(key, certificate.getPublicKey())) {
            throw new IllegalStateException(keyFile + " is not the key of " + certificateFile
                    + ": restore the matching pair from a backup");
        }
        return new CertificateAuthority(key, certificate, clock);
    }

    private static GeneralNames subjectAlternativeNames(Identity identity, List<String> dnsNames,
            List<String> ipAddresses) {
        requireNonNull(dnsNames, "dnsNames is null");
        requireNonNull(ipAddresses, "ipAddresses is null");
        Set<GeneralName> names = new LinkedHashSet<>();
        names.add(new GeneralName(GeneralName.uniformResourceIdentifier, identity.uri()));
        for (String dnsName : dnsNames) {
            Optional<String> problem = Validation.hostnameProblem(dnsName);
            if (problem.isPresent()) {
                throw new IllegalArgumentException("DNS name '" + dnsName + "' " + problem.get());
            }
            // DNS names compare case-insensitively; one spelling keeps the SAN comparison exact.
            names.add(new GeneralName(GeneralName.dNSName, dnsName.toLowerCase(Locale.ROOT)));
        }
        for (String ip : ipAddresses) {
            Optional<String> problem = Validation.addressProblem(ip);
            if (problem.isPresent()) {
                throw new IllegalArgumentException("IP address '" + ip + "' " + problem.get());
            }
            try {
                // Encoded as octets, so "::1" and "0:0:0:0:0:0:0:1" are the same SAN.
                names.add(new GeneralName(GeneralName.iPAddress, ip));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("IP address '" + ip + "' is not a valid IPv4 or IPv6 address", e);
            }
        }
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws CertificateException {
        // No setProvider("BC"): the JDK's CertificateFactory parses what BouncyCastle laid out.
        return new JcaX509CertificateConverter().getCertificate(builder.build(Signatures.signer(key)));
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
    }
}
