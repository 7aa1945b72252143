package io.brickwork.agent;

import com.typesafe.config.ConfigUtil;
import io.brickwork.agent.enroll.AgentCredentials;
import io.brickwork.agent.enroll.CertificateRenewer;
import io.brickwork.agent.glustertls.GlusterTls;
import io.brickwork.agent.enroll.CommandLineSecrets;
import io.brickwork.agent.enroll.JoinException;
import io.brickwork.agent.enroll.Joiner;
import io.brickwork.agent.enroll.TokenSource;
import io.brickwork.agent.enroll.NodeTls;
import io.brickwork.common.concurrent.DaemonThreads;
import io.brickwork.common.net.HostPort;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.Role;
import io.brickwork.common.security.SecureFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.brickwork.agent.dockerplugin.DockerPluginModule;
import io.brickwork.agent.dockerplugin.PluginSocketServer;
import com.google.inject.Stage;
import io.brickwork.agent.actions.ActionSettings;
import io.brickwork.agent.actions.ActionsModule;
import io.brickwork.agent.audit.AuditModule;
import io.brickwork.agent.report.ReportModule;
import io.brickwork.agent.audit.AuditSettings;
import io.brickwork.agent.gateway.GatewayClient;
import io.brickwork.agent.gateway.GatewayModule;
import io.brickwork.common.Version;
import io.brickwork.common.config.SettingsException;
import io.brickwork.common.config.SettingsLoader;
import io.brickwork.common.logging.Logging;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** brickwork-agent: one injector, then the stream to the coordinator until the process is stopped. */
public final class AgentMain {
    private static final Logger log = Logger.getLogger(AgentMain.class.getName());
    static final String JOINED_CONF = "joined.conf";
    /** Renewal is due when a third of a 30-day certificate is left: checking hourly is plenty. */
    private static final Duration RENEWAL_CHECK = Duration.ofHours(1);
    /**
     * Reading three small files is cheap, and gluster certificates may be made short-lived (a
     * revoked node keeps gluster access until its gluster certificate expires).
     */
    private static final Duration GLUSTER_RENEWAL_CHECK = Duration.ofSeconds(30);

    private AgentMain() {}

    /**
     * Library switches that cut what the running agent loads; set before the libraries read them,
     * and only when not set on the command line (-D wins). Guice: reflection instead of generated
     * glue classes (one injector built once, nothing on a hot path) and no source positions
     * recorded for every binding. Netty: no probe for JDK Flight Recorder events, which loads
     * ~100 jdk.jfr classes and keeps their annotation objects on the heap.
     */
    static final Map<String, String> LEAN_LIBRARY_PROPERTIES = Map.of(
            "guice_bytecode_gen_option", "DISABLED",
            "guice_include_stack_traces", "OFF",
            "io.grpc.netty.shaded.io.netty.jfr.enabled", "false");

    public static void main(String[] args) throws InterruptedException {
        LEAN_LIBRARY_PROPERTIES.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
        Logging.configure();
        AgentCommandLine commandLine;
        try {
            commandLine = AgentCommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("brickwork-agent: " + e.getMessage());
            System.err.println(AgentCommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (commandLine.version()) {
            System.out.println(Version.current());
            return;
        }
        AgentSettings settings;
        try {
            settings = settings(commandLine);
        } catch (SettingsException e) {
            System.err.print("brickwork-agent: invalid configuration:\n" + e.numbered());
            System.exit(2);
            return;
        }
        AgentCredentials credentials = new AgentCredentials(settings.stateDir());
        if (commandLine.join().isPresent()) {
            try {
                join(commandLine.join().get(), settings, credentials);
            } catch (JoinException e) {
                System.err.println("brickwork-agent: " + e.getMessage());
                System.exit(1);
                return;
            }
            if (commandLine.noRun()) {
                // The packaged flow: the unit (ConditionPathExists on the certificate) runs the agent.
                System.out.println("joined as " + settings.nodeName() + "; start the agent: systemctl start brickwork-agent");
                System.exit(0);
                return;
            }
        }
        Optional<String> problem = identityProblem(settings, credentials);
        if (problem.isPresent()) {
            System.err.println("brickwork-agent: " + problem.get());
            System.exit(1);
            return;
        }
        run(settings, new NodeTls(credentials), credentials);
    }

    /**
     * -D properties, then --config, then what join recorded in the state directory, then the
     * defaults. The state directory itself may come from the first two, hence two passes.
     */
    private static AgentSettings settings(AgentCommandLine commandLine) {
        Properties properties = new Properties();
        properties.putAll(System.getProperties());
        commandLine.join().ifPresent(join -> {
            properties.setProperty("brickwork.agent.node-name", join.nodeName());
            properties.setProperty("brickwork.agent.coordinator", join.coordinator());
        });
        List<Path> files = new ArrayList<>(commandLine.config().stream().toList());
        AgentSettings first = AgentSettings.from(SettingsLoader.load("brickwork.agent", files, properties));
        Path joined = first.stateDir().resolve(JOINED_CONF);
        if (!Files.isRegularFile(joined)) {
            return first;
        }
        files.add(joined);
        return AgentSettings.from(SettingsLoader.load("brickwork.agent", files, properties));
    }

    private static void join(AgentCommandLine.Join join, AgentSettings settings, AgentCredentials credentials)
            throws JoinException {
        String token = join.token().read(System.in);
        if (join.token() instanceof TokenSource.Inline) {
            hideInlineToken(token);
        }
        HostPort coordinator = new HostPort(settings.coordinatorHost(), settings.coordinatorPort());
        new Joiner(Duration.ofSeconds(30)).join(token, coordinator, settings.nodeName(), credentials);
        // Later starts (the systemd unit) need neither flags nor a config file to find home again.
        String remembered = "# Written by brickwork-agent join; settings here are overridden by --config and -D.\n"
                + "brickwork.agent {\n"
                + "  node-name = " + ConfigUtil.quoteString(settings.nodeName()) + "\n"
                + "  coordinator = " + ConfigUtil.quoteString(coordinator.target()) + "\n"
                + "}\n";
        SecureFiles.writePrivate(settings.stateDir().resolve(JOINED_CONF), remembered.getBytes(StandardCharsets.UTF_8));
        log.info(() -> "joined the cluster as " + settings.nodeName() + "; credentials in " + settings.stateDir());
    }

    /**
     * A token given with --token sits in this process's argv, which every local user reads (ps,
     * /proc/PID/cmdline); a joined agent keeps running with it there unless it is blanked.
     */
    private static void hideInlineToken(String token) {
        System.err.println("brickwork-agent: --token shows the token to every user of this host while it is given;"
                + " prefer --token-file FILE or --token-file - (stdin)");
        boolean hidden;
        try {
            hidden = CommandLineSecrets.blank(token);
        } catch (IOException | RuntimeException e) {
            log.warning(() -> "cannot blank --token in this process's command line: " + e);
            hidden = false;
        }
        if (!hidden) {
            log.warning("--token stays visible in this process's command line (ps) while it runs;"
                    + " use --token-file to keep it off the command line");
        }
    }

    /** The certificate is the identity: a node-name that disagrees with it is a mistake to stop at. */
    private static Optional<String> identityProblem(AgentSettings settings, AgentCredentials credentials) {
        if (!credentials.exist()) {
            return Optional.of("this node has not joined a cluster (no credentials in " + settings.stateDir()
                    + "); run: brickwork-agent join --token-file FILE --coordinator HOST:PORT --node-name NAME");
        }
        Optional<Identity> identity = credentials.identity();
        Identity expected = new Identity(Role.NODE, settings.nodeName());
        if (identity.isEmpty() || !identity.get().equals(expected)) {
            return Optional.of("the certificate in " + settings.stateDir() + " is for "
                    + identity.map(Identity::uri).orElse("no Brickwork identity") + ", but node-name is "
                    + settings.nodeName());
        }
        return Optional.empty();
    }

    private static void run(AgentSettings settings, NodeTls tls, AgentCredentials credentials)
            throws InterruptedException {
        List<Module> modules = new ArrayList<>(List.of(
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        binder().requireExplicitBindings();
                        binder().disableCircularProxies();
                        bind(AgentSettings.class).toInstance(settings);
                    }
                },
                new ActionsModule(new ActionSettings(settings.commandTimeout(), settings.packageInstallTimeout(),
                        settings.pollInterval(), settings.brickRoots(), settings.mountRoots(),
                        settings.allowedPackages(), settings.restartUnmanagedGlusterd())),
                new AuditModule(new AuditSettings(settings.auditLog(), settings.auditLogMaxSize(),
                        settings.auditLogKeep())),
                new ReportModule(settings.report()),
                new GatewayModule(tls.credentials())));
        settings.dockerPlugin().ifPresent(plugin -> modules.add(new DockerPluginModule(plugin, settings.nodeName(),
                settings.mountRoots(), settings.report().mountProbeTimeout())));
        Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);
        Optional<PluginSocketServer> plugin = settings.dockerPlugin()
                .map(ignored -> injector.getInstance(PluginSocketServer.class));
        if (plugin.isPresent()) {
            try {
                plugin.get().start();
            } catch (IOException | RuntimeException e) {
                // The agent's other work goes on; Docker reports the driver as not found.
                log.severe(() -> "cannot serve the Docker volume plugin on " + settings.dockerPlugin().get().socket()
                        + ": " + e);
            }
        }

        GatewayClient client = injector.getInstance(GatewayClient.class);
        ManagedChannel channel = injector.getInstance(ManagedChannel.class);
        CertificateRenewer renewer = new CertificateRenewer(channel, credentials, tls, Clock.systemUTC());
        ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("certificate-renewal"));
        renewals.scheduleWithFixedDelay(renewer::renewIfDue, 1, RENEWAL_CHECK.toMinutes(), TimeUnit.MINUTES);
        GlusterTls glusterTls = injector.getInstance(GlusterTls.class);
        renewals.scheduleWithFixedDelay(glusterTls::renewIfDue, GLUSTER_RENEWAL_CHECK.toSeconds(),
                GLUSTER_RENEWAL_CHECK.toSeconds(), TimeUnit.SECONDS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            plugin.ifPresent(PluginSocketServer::stop);
            renewals.shutdownNow();
            client.stop();
            channel.shutdown();
            try {
                if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }, "shutdown"));
        log.info(() -> "brickwork-agent " + Version.current() + " node " + settings.nodeName() + " -> "
                + settings.coordinatorHost() + ":" + settings.coordinatorPort() + " (mutual TLS)");
        client.start();
        stopped.await();
    }
}
