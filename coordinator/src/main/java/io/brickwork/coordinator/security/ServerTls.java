package io.brickwork.coordinator.security;

import io.brickwork.common.security.ServerKeyMaterial;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettySslContextServerCredentials;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/**
 * The coordinator's TLS: TLS 1.3 (1.2 at the least), its own certificate from the cluster CA,
 * and client certificates checked against that CA only. Client certificates are optional at
 * the handshake because joining happens before a node has one; {@link AuthInterceptor} then
 * requires them for every method but Join and health.
 */
public final class ServerTls {
    private ServerTls() {}

    public static ServerCredentials credentials(ServerKeyMaterial material, X509Certificate ca) {
        return credentials(new RenewableKeyManager(material), ca);
    }

    /** With a key manager that may change the certificate between handshakes. */
    static ServerCredentials credentials(RenewableKeyManager keys, X509Certificate ca) {
        try {
            SslContext context = GrpcSslContexts.configure(SslContextBuilder.forServer(keys))
                    .protocols("TLSv1.3", "TLSv1.2")
                    .clientAuth(ClientAuth.OPTIONAL)
                    .trustManager(ca)
                    .build();
            return NettySslContextServerCredentials.create(context);
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
