package io.brickwork.agent.enroll;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.brickwork.common.security.Csr;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.KeyPairs;
import io.brickwork.common.security.Pem;
import io.brickwork.proto.agent.v1.EnrollmentGrpc;
import io.brickwork.proto.agent.v1.RenewRequest;
import io.brickwork.proto.agent.v1.RenewResponse;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Renews the node certificate on its own once two thirds of its life have passed: a new key
 * here, a CSR over the current mutual-TLS channel, the new certificate stored and used for the
 * next connections. A failed attempt is retried at the next check; the old certificate keeps
 * working until it expires.
 */
public final class CertificateRenewer {
    private static final Logger log = Logger.getLogger(CertificateRenewer.class.getName());

    private final Channel channel;
    private final AgentCredentials stored;
    private final NodeTls tls;
    private final Clock clock;

    public CertificateRenewer(Channel channel, AgentCredentials stored, NodeTls tls, Clock clock) {
        this.channel = requireNonNull(channel, "channel is null");
        this.stored = requireNonNull(stored, "stored is null");
        this.tls = requireNonNull(tls, "tls is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Two thirds of the certificate's life have passed: the rule for every certificate the agent renews. */
    public static boolean due(X509Certificate certificate, Instant now) {
        Instant from = certificate.getNotBefore().toInstant();
        Instant until = certificate.getNotAfter().toInstant();
        Duration life = Duration.between(from, until);
        return !now.isBefore(until.minus(life.dividedBy(3)));
    }

    /** @return whether a new certificate is now in use */
    public boolean renewIfDue() {
        X509Certificate current = stored.certificate();
        if (!due(current, clock.instant())) {
            return false;
        }
        Identity identity = stored.identity().orElseThrow(() ->
                new IllegalStateException("the stored certificate carries no Brickwork identity"));
        KeyPair keys = KeyPairs.generate();
        try {
            RenewResponse response = EnrollmentGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .renew(RenewRequest.newBuilder().setCsrDer(ByteString.copyFrom(Csr.create(keys, identity))).build());
            X509Certificate renewed = Pem.certificate(response.getCertificatePem());
            if (!renewed.getPublicKey().equals(keys.getPublic())
                    || !Identity.of(renewed).equals(java.util.Optional.of(identity))) {
                log.severe("the coordinator answered the renewal with a certificate for another key or identity; ignored");
                return false;
            }
            renewed.verify(stored.ca().getPublicKey());
            stored.store(keys.getPrivate(), renewed, stored.ca());
            tls.replace(keys.getPrivate(), renewed);
            log.info(() -> "node certificate renewed; valid until " + renewed.getNotAfter().toInstant());
            return true;
        } catch (StatusRuntimeException e) {
            log.warning(() -> "certificate renewal failed (will retry): " + e.getStatus());
            return false;
        } catch (java.security.GeneralSecurityException e) {
            log.severe(() -> "renewed certificate is not signed by the cluster CA; ignored: " + e.getMessage());
            return false;
        }
    }
}
