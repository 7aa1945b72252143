package io.brickwork.agent.glustertls;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.enroll.CertificateRenewer;
import io.brickwork.common.security.Csr;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.KeyPairs;
import io.brickwork.common.security.Role;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Gluster's certificate on this node: a key made here (it never leaves the node), a certificate
 * for it from the cluster CA with CN = the node name, and the CA, installed by
 * {@link GlusterTlsFiles}. Renewed like the node's own certificate, once two thirds of its life
 * have passed; gluster picks up the new set at its next handshakes, open connections carry on.
 */
public final class GlusterTls {
    private static final Logger log = Logger.getLogger(GlusterTls.class.getName());

    private final GlusterTlsFiles files;
    private final GlusterCertificateIssuer issuer;
    private final String nodeName;
    private final Supplier<X509Certificate> clusterCa;
    private final Clock clock;

    /** @param clusterCa the CA the agent pinned at join: what the issued certificate must chain to */
    public GlusterTls(GlusterTlsFiles files, GlusterCertificateIssuer issuer, String nodeName,
            Supplier<X509Certificate> clusterCa, Clock clock) {
        this.files = requireNonNull(files, "files is null");
        this.issuer = requireNonNull(issuer, "issuer is null");
        this.nodeName = requireNonNull(nodeName, "nodeName is null");
        this.clusterCa = requireNonNull(clusterCa, "clusterCa is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public GlusterTlsFiles files() {
        return files;
    }

    /** The installed certificate, if a set is installed. */
    public Optional<X509Certificate> certificate() {
        return files.read().map(GlusterTlsFiles.Installed::certificate);
    }

    /** Why the installed set will not do (missing, not ours, expiring); empty when it will. */
    public List<String> problems() {
        Optional<GlusterTlsFiles.Installed> installed = files.read();
        if (installed.isEmpty()) {
            return List.of("no gluster key and certificate installed at " + files.certificatePath());
        }
        List<String> problems = new ArrayList<>();
        X509Certificate certificate = installed.get().certificate();
        X509Certificate ca = clusterCa.get();
        if (!installed.get().ca().equals(ca)) {
            problems.add(files.caPath() + " is not the cluster CA");
        }
        try {
            certificate.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            problems.add(files.certificatePath() + " is not signed by the cluster CA");
        }
        if (!commonName(certificate).equals(Optional.of(nodeName))) {
            problems.add(files.certificatePath() + " is not for " + nodeName);
        }
        if (CertificateRenewer.due(certificate, clock.instant())) {
            problems.add("the gluster certificate expires at " + certificate.getNotAfter().toInstant()
                    + " and is due for renewal");
        }
        return problems;
    }

    /** A new key, its certificate from the cluster CA, installed as one set. */
    public X509Certificate obtain() throws GlusterCertificateIssuer.IssueException {
        KeyPair keys = KeyPairs.generate();
        GlusterCertificateIssuer.Issued issued = issuer.issue(Csr.create(keys, new Identity(Role.NODE, nodeName)));
        X509Certificate certificate = issued.certificate();
        X509Certificate ca = clusterCa.get();
        if (!issued.ca().equals(ca)) {
            throw new GlusterCertificateIssuer.IssueException("the coordinator answered with another CA than the one"
                    + " this agent pinned at join; nothing installed", null);
        }
        try {
            certificate.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new GlusterCertificateIssuer.IssueException("the gluster certificate is not signed by the cluster CA;"
                    + " nothing installed", e);
        }
        if (!certificate.getPublicKey().equals(keys.getPublic()) || !commonName(certificate).equals(Optional.of(nodeName))) {
            throw new GlusterCertificateIssuer.IssueException("the gluster certificate is for another key or name;"
                    + " nothing installed", null);
        }
        files.store(keys.getPrivate(), certificate, ca);
        log.info(() -> "gluster certificate installed at " + files.certificatePath() + "; valid until "
                + certificate.getNotAfter().toInstant());
        return certificate;
    }

    /**
     * Renews an installed certificate once it is due; a node without one is left alone (the
     * coordinator's gluster-tls step installs the first). Never throws: the next check tries again.
     *
     * @return whether a new certificate is now installed
     */
    public boolean renewIfDue() {
        Optional<X509Certificate> current = certificate();
        if (current.isEmpty() || !CertificateRenewer.due(current.get(), clock.instant())) {
            return false;
        }
        try {
            obtain();
            return true;
        } catch (GlusterCertificateIssuer.IssueException | RuntimeException e) {
            log.warning(() -> "gluster certificate renewal failed (will retry): " + e.getMessage());
            return false;
        }
    }

    /** When the installed certificate expires, if one is installed. */
    public Optional<Instant> expiry() {
        return certificate().map(certificate -> certificate.getNotAfter().toInstant());
    }

    static Optional<String> commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
