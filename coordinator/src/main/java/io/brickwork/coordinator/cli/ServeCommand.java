package io.brickwork.coordinator.cli;

import com.typesafe.config.Config;
import io.brickwork.common.Version;
import io.brickwork.common.config.SettingsException;
import io.brickwork.common.config.SettingsLoader;
import io.brickwork.coordinator.server.CoordinatorMain;
import io.brickwork.coordinator.server.CoordinatorSettings;
import io.brickwork.coordinator.server.Lifecycle;
import io.brickwork.coordinator.server.NettyTransport;
import io.brickwork.coordinator.server.StartupErrors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The coordinator daemon: {@link CoordinatorMain} on the production doors, until the process is stopped. */
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
        try {
            Config loaded = SettingsLoader.load("brickwork.coordinator", Optional.ofNullable(config), System.getProperties());
            settings = CoordinatorSettings.from(loaded);
        } catch (SettingsException e) {
            report("invalid configuration", e.numbered());
            return ExitCodes.BAD_INPUT;
        }
        Lifecycle coordinator;
        try {
            coordinator = CoordinatorMain.start(settings, new NettyTransport(settings.server()));
        } catch (RuntimeException e) {
            report("cannot start", StartupErrors.numbered(e));
            return ExitCodes.FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(coordinator::stop, "shutdown"));
        log.info(() -> "brickwork coordinator " + Version.current() + " ready");
        coordinator.awaitStopped();
        return ExitCodes.OK;
    }

    /** A heading and a numbered list, flushed: the process may exit right after. */
    private void report(String what, String numbered) {
        PrintWriter err = command.commandLine().getErr();
        err.print("brickwork serve: " + what + ":\n" + numbered);
        err.flush();
    }
}
