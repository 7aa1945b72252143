package io.brickwork.coordinator.cli;

import io.brickwork.coordinator.cli.ContextStore.Context;
import io.brickwork.coordinator.cli.ContextStore.Contexts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "context", description = "Named coordinators (one per environment) and which one commands go to; "
        + "kept in ~/.config/brickwork/contexts.conf ($XDG_CONFIG_HOME/brickwork when set).",
        subcommands = {ContextCommand.Add.class, ContextCommand.Use.class, ContextCommand.ListContexts.class,
                ContextCommand.Remove.class})
final class ContextCommand {

    /** A command that reads or writes the contexts; BrickworkCli hands it the store of the run. */
    interface UsesStore {
        void use(ContextStore contexts);
    }

    /** What the context commands share. Each declares its own @Spec: picocli wants it on a @Command class. */
    private abstract static class StoreCommand implements UsesStore, Callable<Integer> {
        ContextStore contexts;

        @Override
        public void use(ContextStore contexts) {
            this.contexts = contexts;
        }

        abstract CommandSpec command();

        PrintWriter out() {
            return command().commandLine().getOut();
        }

        static String checkedName(String name) {
            ContextStore.nameProblem(name).ifPresent(problem -> {
                throw new BadInputException("context name '" + name + "' " + problem);
            });
            return name;
        }

        Context existing(Contexts all, String name) {
            Context context = all.byName().get(checkedName(name));
            if (context == null) {
                throw new BadInputException("no context named '" + name + "' in " + contexts.file() + " (known: "
                        + (all.byName().isEmpty() ? "none" : String.join(", ", all.byName().keySet())) + ")");
            }
            return context;
        }
    }

    @Command(name = "add", description = "Add a context. The first one added becomes the current one.")
    static final class Add extends StoreCommand {
        @Spec
        CommandSpec command;

        @Override
        CommandSpec command() {
            return command;
        }

        @Parameters(index = "0", paramLabel = "NAME", description = "Letters, digits, '.', '_' and '-', e.g. staging.")
        String name;

        @Option(names = "--coordinator", required = true, paramLabel = "HOST:PORT|unix:PATH",
                description = "The coordinator's address.")
        String coordinator;

        @Option(names = "--tls-dir", paramLabel = "DIR",
                description = "Admin credentials for this coordinator (admin.crt, admin.key, ca.crt), as written by "
                        + "`brickwork admin cert --out DIR`; its ca.crt is the CA this context trusts.")
        Path tlsDir;

        @Override
        public Integer call() {
            checkedName(name);
            ContextStore.coordinatorProblem(coordinator).ifPresent(problem -> {
                throw new BadInputException("--coordinator '" + coordinator + "' " + problem);
            });
            Contexts all = contexts.read();
            if (all.byName().containsKey(name)) {
                throw new BadInputException("context " + name + " exists already: `brickwork context remove " + name
                        + "` first to change it");
            }
            SortedMap<String, Context> byName = new TreeMap<>(all.byName());
            // Absolute: the CLI runs from any directory.
            byName.put(name, new Context(name, coordinator, Optional.ofNullable(tlsDir).map(Path::toAbsolutePath)));
            Optional<String> current = all.current().isPresent() ? all.current() : Optional.of(name);
            contexts.write(new Contexts(byName, current));
            out().println("added context " + name + " (" + coordinator + ")"
                    + (all.current().isEmpty() ? "; it is the current context" : ""));
            return ExitCodes.OK;
        }
    }

    @Command(name = "use", description = "Send commands to this context's coordinator from now on.")
    static final class Use extends StoreCommand {
        @Spec
        CommandSpec command;

        @Override
        CommandSpec command() {
            return command;
        }

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            Contexts all = contexts.read();
            Context context = existing(all, name);
            contexts.write(new Contexts(all.byName(), Optional.of(context.name())));
            out().println("current context: " + context.name() + " (" + context.coordinator() + ")");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List the contexts; the current one is marked with *.")
    static final class ListContexts extends StoreCommand {
        @Spec
        CommandSpec command;

        @Override
        CommandSpec command() {
            return command;
        }

        @Override
        public Integer call() {
            Contexts all = contexts.read();
            PrintWriter out = out();
            out.printf("%-1s %-20s %-32s %s%n", "", "NAME", "COORDINATOR", "TLS DIR");
            for (Context context : all.byName().values()) {
                out.printf("%-1s %-20s %-32s %s%n", all.current().filter(context.name()::equals).isPresent() ? "*" : "",
                        context.name(), context.coordinator(), context.tlsDir().map(Path::toString).orElse("-"));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", description = "Remove a context (its credentials stay where they are). "
            + "Removing the current one leaves no current context.")
    static final class Remove extends StoreCommand {
        @Spec
        CommandSpec command;

        @Override
        CommandSpec command() {
            return command;
        }

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            Contexts all = contexts.read();
            existing(all, name);
            SortedMap<String, Context> byName = new TreeMap<>(all.byName());
            byName.remove(name);
            boolean wasCurrent = all.current().filter(name::equals).isPresent();
            contexts.write(new Contexts(byName, wasCurrent ? Optional.empty() : all.current()));
            out().println("removed context " + name + (wasCurrent ? "; there is no current context now" : ""));
            return ExitCodes.OK;
        }
    }
}
