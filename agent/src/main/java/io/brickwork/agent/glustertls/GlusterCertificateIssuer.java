package io.brickwork.agent.glustertls;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;

/** The cluster CA as the agent reaches it: a CSR in, a gluster certificate and the CA out. */
public interface GlusterCertificateIssuer {
    record Issued(X509Certificate certificate, X509Certificate ca) {
        public Issued {
            requireNonNull(certificate, "certificate is null");
            requireNonNull(ca, "ca is null");
        }
    }

    /** The coordinator could not be asked or refused; nothing was installed. */
    final class IssueException extends Exception {
        private static final long serialVersionUID = 1L;

        public IssueException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** @param csrDer PKCS#10 for a key made on this node */
    Issued issue(byte[] csrDer) throws IssueException;
}
