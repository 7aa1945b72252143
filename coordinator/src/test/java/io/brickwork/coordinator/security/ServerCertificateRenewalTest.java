package io.brickwork.coordinator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.common.grpc.GrpcCleanupExtension;
import io.brickwork.coordinator.testing.MutableClock;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificateRenewalTest {
    @RegisterExtension
    final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now());

    @Test
    void aLongRunningCoordinatorPresentsARenewedCertificateWithoutARestart() throws IOException {
        ClusterCa ca = new ClusterCa(new SecuritySettings(dir.resolve("state"), dir.resolve("audit.log"),
                new SecuritySettings.Tls(List.of(), Duration.ofDays(365), Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(7)),
                Duration.ofHours(1)), clock);
        ca.start();
        X509Certificate first = ca.serverCertificate();
        Server server = grpc.register(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
                ca.serverCredentials()).addService(new HealthStatusManager().getHealthService()).build().start());
        assertEquals(first, presented(server.getPort()));
        assertFalse(ca.renewServerCertificateIfDue(), "renewed a certificate with most of its life left");

        clock.advance(Duration.ofDays(250));

        assertTrue(ca.renewServerCertificateIfDue());
        X509Certificate renewed = presented(server.getPort());
        assertNotEquals(first, renewed);
        assertEquals(ca.serverCertificate(), renewed);
        assertTrue(renewed.getNotAfter().toInstant().isAfter(first.getNotAfter().toInstant()));
    }

    /** The certificate the server shows a new connection (any certificate is accepted: only which one matters). */
    private X509Certificate presented(int port) {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        X509TrustManager recording = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen.set(chain[0]);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        ManagedChannel channel = grpc.register(Grpc.newChannelBuilderForAddress("127.0.0.1", port,
                TlsChannelCredentials.newBuilder().trustManager(recording).build())
                .overrideAuthority("brickwork-coordinator").build());
        HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance());
        channel.shutdownNow();
        return seen.get();
    }
}
