package io.brickwork.agent;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.brickwork.agent.actions.ActionSettings;
import io.brickwork.agent.actions.ActionsModule;
import io.brickwork.agent.audit.AuditModule;
import io.brickwork.agent.audit.AuditSettings;
import io.brickwork.agent.gateway.GatewayClient;
import io.brickwork.agent.gateway.GatewayModule;
import io.brickwork.common.Version;
import io.brickwork.common.config.SettingsException;
import io.brickwork.common.config.SettingsLoader;
import io.brickwork.common.logging.Logging;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** brickwork-agent: one injector, then the stream to the coordinator until the process is stopped. */
public final class AgentMain {
    private static final Logger log = Logger.getLogger(AgentMain.class.getName());

    private AgentMain() {}

    public static void main(String[] args) throws InterruptedException {
        Logging.configure();
        Optional<Path> configFile;
        try {
            configFile = parseArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("brickwork-agent: " + e.getMessage());
            System.err.println("usage: brickwork-agent [--config agent.conf]   (keys: -Dbrickwork.agent.KEY=VALUE)");
            System.exit(2);
            return;
        }
        AgentSettings settings;
        try {
            settings = AgentSettings.from(SettingsLoader.load("brickwork.agent", configFile, System.getProperties()));
        } catch (SettingsException e) {
            System.err.print("brickwork-agent: invalid configuration:\n" + e.numbered());
            System.exit(2);
            return;
        }
        Injector injector = Guice.createInjector(Stage.PRODUCTION,
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
                        settings.allowedPackages())),
                new AuditModule(new AuditSettings(settings.auditLog(), settings.auditLogMaxSize(),
                        settings.auditLogKeep())),
                new GatewayModule(InsecureChannelCredentials.create()));

        GatewayClient client = injector.getInstance(GatewayClient.class);
        ManagedChannel channel = injector.getInstance(ManagedChannel.class);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
                + settings.coordinatorHost() + ":" + settings.coordinatorPort());
        client.start();
        stopped.await();
    }

    static Optional<Path> parseArgs(String[] args) {
        Optional<Path> config = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config", "-c" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a file");
                    }
                    config = Optional.of(Path.of(args[++i]));
                }
                case "--version" -> {
                    System.out.println(Version.current());
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        return config;
    }
}
