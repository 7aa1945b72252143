package io.brickwork.agent.gateway;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.agent.AgentSettings;
import io.brickwork.agent.actions.ActionExecutor;
import io.brickwork.agent.enroll.AgentCredentials;
import io.brickwork.agent.enroll.Joiner;
import io.brickwork.agent.gluster.GlusterdStore;
import io.brickwork.agent.glustertls.GlusterTls;
import io.brickwork.agent.glustertls.GlusterTlsReporting;
import io.brickwork.agent.glustertls.GlusterTlsFiles;
import io.brickwork.agent.glustertls.GrpcGlusterCertificateIssuer;
import io.brickwork.agent.report.NodeReporter;
import io.brickwork.common.Version;
import io.brickwork.common.concurrent.DaemonThreads;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The stream to the coordinator. Credentials come in from outside: mutual TLS with the node
 * certificate in production, anything a test needs otherwise.
 */
public final class GatewayModule extends AbstractModule {
    private final ChannelCredentials credentials;

    public GatewayModule(ChannelCredentials credentials) {
        this.credentials = requireNonNull(credentials, "credentials is null");
    }

    /**
     * One thread for the gateway: heartbeats, redials and the channel's callbacks. The callbacks
     * never block (actions go to their own pool, watch lists to the reporter's thread), so they
     * need none of the cached threads gRPC would otherwise keep (three, idle, in every agent).
     * Name resolution runs here too: one lookup per dial.
     */
    @Provides
    @Singleton
    @GatewayThread
    ScheduledExecutorService gatewayThread() {
        return Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("gateway"));
    }

    @Provides
    @Singleton
    ManagedChannel channel(AgentSettings settings, @GatewayThread ScheduledExecutorService gateway) {
        return Grpc.newChannelBuilderForAddress(settings.coordinatorHost(), settings.coordinatorPort(), credentials)
                .executor(gateway)
                .offloadExecutor(gateway)
                // The coordinator's certificate names it "brickwork-coordinator", whatever address we dial.
                .overrideAuthority(Joiner.COORDINATOR_AUTHORITY)
                // Keepalive finds a dead TCP peer even when heartbeats cannot be sent.
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS)
                .build();
    }

    @Provides
    @Singleton
    GatewayClient gatewayClient(ManagedChannel channel, ActionExecutor executor, NodeReporter reporter,
            AgentSettings settings, @GatewayThread ScheduledExecutorService scheduler, GlusterTls glusterTls) {
        ExecutorService actions = Executors.newFixedThreadPool(settings.maxConcurrentActions(), DaemonThreads.named("action"));
        AgentIdentity identity = new AgentIdentity(settings.nodeName(), Version.current(), hostName(),
                settings.addresses().isEmpty() ? localAddresses() : settings.addresses());
        // Gluster's TLS rides along in every report.
        NodeReporter reporting = new GlusterTlsReporting(reporter, glusterTls, GlusterdStore.STANDARD);
        return new GatewayClient(channel, executor, reporting, identity, settings.heartbeatInterval(),
                new Backoff(settings.reconnectMin(), settings.reconnectMax(), () -> ThreadLocalRandom.current().nextDouble()),
                scheduler, actions, Clock.systemUTC());
    }

    /**
     * Gluster's certificate, asked of the cluster CA over this channel with the node's identity.
     * Its sets live beside the names gluster reads, not in the agent's state directory: gluster
     * keeps using them when the agent is purged.
     */
    @Provides
    @Singleton
    GlusterTls glusterTls(AgentSettings settings, ManagedChannel channel) {
        AgentCredentials credentials = new AgentCredentials(settings.stateDir());
        return new GlusterTls(new GlusterTlsFiles(GlusterTlsFiles.SSL_DIRECTORY.resolve(GlusterTlsFiles.HOME),
                GlusterTlsFiles.SSL_DIRECTORY),
                new GrpcGlusterCertificateIssuer(channel), settings.nodeName(), credentials::ca, Clock.systemUTC());
    }

    @Override
    protected void configure() {}

    @Qualifier
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.PARAMETER, ElementType.FIELD})
    @interface GatewayThread {}

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }

    /** Non-loopback, non-link-local addresses of interfaces that are up; IPv4 first. */
    static List<String> localAddresses() {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                        continue;
                    }
                    String text = address.getHostAddress();
                    int zone = text.indexOf('%');
                    (text.contains(":") ? v6 : v4).add(zone < 0 ? text : text.substring(0, zone));
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        v4.addAll(v6);
        return v4;
    }
}
