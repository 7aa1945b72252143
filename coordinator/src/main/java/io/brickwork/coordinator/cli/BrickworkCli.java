package io.brickwork.coordinator.cli;

import io.brickwork.common.Version;
import io.brickwork.common.logging.Logging;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code brickwork}: the coordinator daemon and the operator's commands, in one jar.
 *
 * <p>Subcommands are added by {@link #commandLine}, not by the annotation: picocli builds a
 * command's model by reflection, and building all of them cost every short-lived CLI call
 * about 0.2 s of CPU. A call that names a command gets only that one; anything else (help,
 * --version, a typo that wants suggestions) gets them all.
 */
@Command(name = "brickwork",
        mixinStandardHelpOptions = true,
        versionProvider = BrickworkCli.VersionProvider.class,
        description = "GlusterFS storage for Docker Swarm.")
public final class BrickworkCli {
    /** Every subcommand, in the order help lists them. */
    static final List<Class<?>> COMMANDS = List.of(ServeCommand.class, PlanCommand.class, ApplyCommand.class,
            StatusCommand.class, NodesCommand.class, VerifyCommand.class, TokenCommand.class, NodeCommand.class,
            AdminCommand.class, ContextCommand.class, InitCommand.class, ComposeSnippetCommand.class,
            OperationsCommand.class, CdsTrainingCommand.class, CommandLine.HelpCommand.class);

    /**
     * gRPC asks every transport for TCP keepalive; Netty warns once per connection that a Unix
     * socket has none, on the client (Bootstrap) and on the server (ServerBootstrap, for every
     * CLI call on the admin socket). Harmless, and noise on an operator's terminal and in the
     * daemon's journal. Held here so the setting is not lost when java.util.logging collects
     * unreferenced loggers.
     */
    private static final Logger NETTY_BOOTSTRAP = Logger.getLogger("io.grpc.netty.shaded.io.netty.bootstrap");

    public static void main(String[] args) {
        Logging.configure();
        NETTY_BOOTSTRAP.setLevel(Level.SEVERE);
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs one command and returns its exit code; tests call this instead of main. What it prints
     * goes through {@link TerminalText}, so text from the cluster cannot steer the terminal.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, ContextStore.forUser(), args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)}, with the contexts kept in {@code contexts}. */
    static int run(PrintWriter out, PrintWriter err, ContextStore contexts, String... args) {
        CommandLine cli = commandLine(contexts, args).setOut(TerminalText.printer(out))
                .setErr(TerminalText.printer(err))
                .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof BadInputException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            if (e instanceof ClientSetupException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return ExitCodes.FAILED;
            }
            if (e instanceof StatusRuntimeException status) {
                return GrpcErrors.report(status, coordinatorOf(commandLine), commandLine.getErr());
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, ignored) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return ExitCodes.BAD_INPUT;
        });
        return cli.execute(args);
    }

    static CommandLine commandLine(String... args) {
        return commandLine(ContextStore.forUser(), args);
    }

    /** The root command with the subcommand {@code args} names, or with all of them. */
    static CommandLine commandLine(ContextStore contexts, String... args) {
        CommandLine root = new CommandLine(new BrickworkCli(), new Factory(contexts));
        String first = args.length > 0 ? args[0] : "";
        for (Class<?> command : COMMANDS) {
            if (command != CommandLine.HelpCommand.class && nameOf(command).equals(first)) {
                return root.addSubcommand(command);
            }
        }
        for (Class<?> command : COMMANDS) {
            root.addSubcommand(command);
        }
        return root;
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    private static String coordinatorOf(CommandLine commandLine) {
        for (Object mixin : commandLine.getMixins().values()) {
            if (mixin instanceof ClientOptions client) {
                return client.describe();
            }
        }
        return "the configured address";
    }

    /**
     * Gives the client options and the context commands the context store this run uses (the
     * user's, or a test's); everything else picocli makes as usual. Nothing is read here: a store
     * is only a path until a command asks for its contexts.
     */
    private static final class Factory implements CommandLine.IFactory {
        private final CommandLine.IFactory standard = CommandLine.defaultFactory();
        private final ContextStore contexts;

        Factory(ContextStore contexts) {
            this.contexts = contexts;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == ClientOptions.class) {
                return type.cast(new ClientOptions(contexts));
            }
            if (ContextCommand.UsesStore.class.isAssignableFrom(type)) {
                K command = standard.create(type);
                ((ContextCommand.UsesStore) command).use(contexts);
                return command;
            }
            return standard.create(type);
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"brickwork " + Version.current()};
        }
    }
}
