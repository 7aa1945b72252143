package io.brickwork.common.security;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Real keys and certificates for tests, including shapes the CA would never issue. */
final class TestCertificates {
    static final Duration DAY = Duration.ofDays(1);

    private TestCertificates() {}

    static CertificateAuthority ca(Path dir) {
        return CertificateAuthority.loadOrCreate(dir, Clock.systemUTC());
    }

    static Clock fixedAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** A self-signed end-entity certificate with exactly the given SANs. */
    static X509Certificate selfSignedWith(GeneralName... names) throws Exception {
        KeyPair keyPair = KeyPairs.generate();
        X500Name subject = new X500Name("CN=odd");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE, Date.from(now.minus(DAY)),
                Date.from(now.plus(DAY)), subject, keyPair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        if (names.length > 0) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
    }
}
