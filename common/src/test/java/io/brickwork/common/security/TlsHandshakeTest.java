package io.brickwork.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS 1.3 with mutual authentication on 127.0.0.1, JDK providers only. */
class TlsHandshakeTest {
    private static final String TLS13 = "TLSv1.3";
    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    Path temp;

    private static SSLContext context(KeyManager keyManager, X509TrustManager trustManager)
            throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance(TLS13);
        context.init(keyManager == null ? null : new KeyManager[] {keyManager}, new TrustManager[] {trustManager},
                null);
        return context;
    }

    private static KeyManager nodeKeyManager(CertificateAuthority ca, String name) {
        KeyPair keyPair = KeyPairs.generate();
        X509Certificate certificate = ca.issue(keyPair.getPublic(), new Identity(Role.NODE, name), Duration.ofDays(1),
                List.of(), List.of());
        return TlsContexts.keyManager(keyPair.getPrivate(), List.of(certificate, ca.certificate()));
    }

    /**
     * Presents its certificate whatever CAs the server asks for. The JDK's own key manager would
     * send none to a server that does not list its CA; an attacker's client would send it anyway.
     */
    private static KeyManager presentingRegardless(CertificateAuthority ca, String name) {
        KeyPair keyPair = KeyPairs.generate();
        X509Certificate[] chain = {ca.issue(keyPair.getPublic(), new Identity(Role.NODE, name), Duration.ofDays(1),
                List.of(), List.of()), ca.certificate()};
        return new X509ExtendedKeyManager() {
            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return "node";
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return "node";
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return chain.clone();
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return keyPair.getPrivate();
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[] {"node"};
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }
        };
    }

    /** What the server saw: the client's identity, or why the handshake failed. */
    private record ServerSide(Optional<Identity> client, Optional<Throwable> failure) {}

    /**
     * One handshake; the server reads one byte so that a client rejection, which TLS 1.3 reports
     * only after the client has finished its side, surfaces on both ends.
     */
    private static ServerSide handshake(SSLContext server, SSLContext client) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {TLS13});
            listener.setNeedClientAuth(true);
            listener.setSoTimeout(TIMEOUT_MILLIS);
            CompletableFuture<ServerSide> serverSide = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(TIMEOUT_MILLIS);
                    socket.startHandshake();
                    X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                    socket.getOutputStream().write(42);
                    socket.getOutputStream().flush();
                    socket.getInputStream().read();
                    return new ServerSide(Identity.of(peer), Optional.empty());
                } catch (IOException e) {
                    return new ServerSide(Optional.empty(), Optional.of(e));
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()),
                        TIMEOUT_MILLIS);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.setEnabledProtocols(new String[] {TLS13});
                socket.startHandshake();
                assertEquals(TLS13, socket.getSession().getProtocol());
                if (socket.getInputStream().read() == 42) {
                    socket.getOutputStream().write(1);
                    socket.getOutputStream().flush();
                }
            } catch (IOException e) {
                // The client's view of a rejection is checked through the server's.
            }
            try {
                return serverSide.get(2L * TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
        }
    }

    private SSLContext coordinator(CertificateAuthority ca) throws GeneralSecurityException {
        ServerKeyMaterial material = ca.serverMaterial(temp.resolve("ca"), List.of(), List.of("127.0.0.1"),
                Duration.ofDays(90));
        return context(material.keyManager(), TlsContexts.trustOnly(ca.certificate()));
    }

    @Test
    void nodeWithACertificateFromTheClusterCaConnects() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(temp.resolve("ca"), Clock.systemUTC());
        PinnedCaTrustManager pin = new PinnedCaTrustManager(ca.fingerprint());

        ServerSide server = handshake(coordinator(ca), context(nodeKeyManager(ca, "node1"), pin));

        assertEquals(Optional.empty(), server.failure());
        assertEquals(Optional.of(new Identity(Role.NODE, "node1")), server.client());
        assertEquals(Optional.of(ca.certificate()), pin.pinnedCa());
    }

    @Test
    void nodeTrustingOnlyTheClusterCaConnects() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(temp.resolve("ca"), Clock.systemUTC());

        ServerSide server = handshake(coordinator(ca),
                context(nodeKeyManager(ca, "node1"), TlsContexts.trustOnly(ca.certificate())));

        assertEquals(Optional.empty(), server.failure());
        assertEquals(Optional.of(new Identity(Role.NODE, "node1")), server.client());
    }

    @Test
    void clientWithACertificateFromAnotherCaIsRejected() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(temp.resolve("ca"), Clock.systemUTC());
        CertificateAuthority other = CertificateAuthority.loadOrCreate(temp.resolve("other"),
                Clock.systemUTC());

        ServerSide server = handshake(coordinator(ca),
                context(presentingRegardless(other, "node1"), new PinnedCaTrustManager(ca.fingerprint())));

        Throwable failure = server.failure().orElseThrow();
        assertInstanceOf(SSLHandshakeException.class, failure);
        assertTrue(failure.getMessage().contains("PKIX path"), failure.getMessage());
    }

    @Test
    void clientOfAnotherCaSendsNoCertificateAtAll() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(temp.resolve("ca"), Clock.systemUTC());
        CertificateAuthority other = CertificateAuthority.loadOrCreate(temp.resolve("other"),
                Clock.systemUTC());

        ServerSide server = handshake(coordinator(ca),
                context(nodeKeyManager(other, "node1"), new PinnedCaTrustManager(ca.fingerprint())));

        Throwable failure = server.failure().orElseThrow();
        assertInstanceOf(SSLHandshakeException.class, failure);
        assertTrue(failure.getMessage().contains("Empty client certificate chain"), failure.getMessage());
    }

    @Test
    void clientWithoutACertificateIsRejected() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(temp.resolve("ca"), Clock.systemUTC());

        ServerSide server = handshake(coordinator(ca), context(null, new PinnedCaTrustManager(ca.fingerprint())));

        Throwable failure = server.failure().orElseThrow();
        assertInstanceOf(SSLHandshakeException.class, failure);
        assertTrue(failure.getMessage().contains("Empty client certificate chain"), failure.getMessage());
    }
}
