package io.brickwork.coordinator.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.brickwork.common.Version;
import io.brickwork.common.config.SettingsException;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.typesafe.config.Config;
import io.brickwork.common.config.SettingsLoader;
import io.brickwork.coordinator.swarm.StorageLabeler;
import io.brickwork.coordinator.swarm.SwarmModule;
import io.brickwork.coordinator.swarm.SwarmSettings;
import io.brickwork.coordinator.server.CoordinatorModule;
import io.brickwork.coordinator.server.CoordinatorServer;
import io.brickwork.coordinator.server.CoordinatorSettings;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The coordinator daemon: one injector, the gRPC server, until the process is stopped. */
@Command(name = "serve", description = "Run the coordinator (agents and the CLI connect to it).")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = Logger.getLogger(ServeCommand.class.getName());

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Coordinator config (HOCON, keys under brickwork.coordinator).")
    Path config;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws InterruptedException {
        CoordinatorSettings settings;
        SwarmSettings swarm;
        try {
            Config loaded = SettingsLoader.load("brickwork.coordinator", Optional.ofNullable(config), System.getProperties());
            settings = CoordinatorSettings.from(loaded);
            swarm = SwarmSettings.from(loaded.getConfig("swarm"));
        } catch (SettingsException e) {
            command.commandLine().getErr().print("brickwork serve: invalid configuration:\n" + e.numbered());
            return ExitCodes.BAD_INPUT;
        }
        Injector injector = Guice.createInjector(Stage.PRODUCTION,
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        binder().requireExplicitBindings();
                        binder().disableCircularProxies();
                    }
                },
                new CoordinatorModule(settings), new SwarmModule(swarm));
        CoordinatorServer server;
        Optional<StorageLabeler> labeler;
        try {
            server = injector.getInstance(CoordinatorServer.class);
            server.start();
            labeler = injector.getInstance(Key.get(new TypeLiteral<Optional<StorageLabeler>>() {}));
            labeler.ifPresent(StorageLabeler::start);
        } catch (UncheckedIOException | IllegalStateException | com.google.inject.ProvisionException e) {
            Throwable cause = e instanceof com.google.inject.ProvisionException && e.getCause() != null ? e.getCause() : e;
            command.commandLine().getErr().println("brickwork serve: " + cause.getMessage());
            return ExitCodes.FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            labeler.ifPresent(StorageLabeler::stop);
            server.stop();
        }, "shutdown"));
        log.info(() -> "brickwork coordinator " + Version.current() + " ready");
        server.awaitTermination();
        return ExitCodes.OK;
    }
}
