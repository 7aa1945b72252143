package io.brickwork.coordinator.cli;

import io.brickwork.common.net.HostPort;
import io.brickwork.coordinator.cli.ContextStore.Context;
import io.brickwork.coordinator.cli.ContextStore.Contexts;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Options every client command shares: where the coordinator is, how to prove who we are, and
 * how to print. On the manager node the root-only Unix socket needs no certificate; elsewhere
 * the CLI presents an admin certificate (made with {@code brickwork admin cert}).
 *
 * <p>Where to connect, field by field: the --coordinator and --tls-dir flags, else the context
 * --context names, else the current context, else the local socket or localhost:7443 with
 * ~/.config/brickwork/admin.
 */
public final class ClientOptions {
    public enum OutputFormat { text, json }

    static final Path DEFAULT_SOCKET = Path.of("/run/brickwork/coordinator.sock");
    /** The name in the coordinator's certificate that clients check, whatever address they dial. */
    public static final String COORDINATOR_AUTHORITY = "brickwork-coordinator";

    @Option(names = "--coordinator", paramLabel = "HOST:PORT|unix:PATH",
            description = "Coordinator address (default: the context's; without one, the local socket "
                    + "/run/brickwork/coordinator.sock if present, else localhost:7443).")
    String coordinator;

    @Option(names = "--tls-dir", paramLabel = "DIR",
            description = "Admin credentials (admin.crt, admin.key, ca.crt) for TCP connections "
                    + "(default: the context's; without one, $BRICKWORK_TLS_DIR or ~/.config/brickwork/admin).")
    Path tlsDir;

    @Option(names = "--context", paramLabel = "NAME",
            description = "Use this context (see `brickwork context`) instead of the current one; "
                    + "--coordinator and --tls-dir still win over it.")
    String context;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    private final ContextStore contexts;
    /** The context in effect, read once: absent when none applies. */
    private Optional<Context> chosen;

    public ClientOptions() {
        this(ContextStore.forUser());
    }

    ClientOptions(ContextStore contexts) {
        this.contexts = contexts;
    }

    /** The contexts this run reads. */
    ContextStore contexts() {
        return contexts;
    }

    /** True when the user named a coordinator, credentials or a context on the command line. */
    boolean targetGiven() {
        return coordinator != null || tlsDir != null || context != null;
    }

    boolean json() {
        return output == OutputFormat.json;
    }

    /**
     * The context the command uses: the one --context names, else the current one. Not read at all
     * when --coordinator and --tls-dir say everything, so that a call with explicit flags never
     * depends on the user's file.
     */
    Optional<Context> context() {
        if (chosen == null) {
            if (context != null) {
                ContextStore.nameProblem(context).ifPresent(problem -> {
                    throw new BadInputException("--context '" + context + "' " + problem);
                });
                Contexts all = contexts.read();
                chosen = Optional.of(Optional.ofNullable(all.byName().get(context)).orElseThrow(() ->
                        new BadInputException("no context named '" + context + "' in " + contexts.file() + " (known: "
                                + (all.byName().isEmpty() ? "none; add one with `brickwork context add`"
                                        : String.join(", ", all.byName().keySet())) + ")")));
            } else if (coordinator != null && (tlsDir != null || coordinator.startsWith("unix:"))) {
                chosen = Optional.empty();
            } else {
                chosen = contexts.read().currentContext();
            }
        }
        return chosen;
    }

    /** What the user would recognise: the address given, the context's, or the one chosen for them. */
    String describe() {
        if (coordinator != null) {
            return coordinator;
        }
        return context().map(Context::coordinator)
                .orElseGet(() -> Files.exists(DEFAULT_SOCKET) ? "unix:" + DEFAULT_SOCKET : "localhost:7443");
    }

    /** Opens the connection the command makes; closing it stops its transport thread too. */
    ClientChannel connect() {
        return connect(describe(), credentials());
    }

    /** Where the admin credentials for TCP are: the flag, the context's, or the default. */
    Path credentials() {
        return tlsDir != null ? tlsDir : context().flatMap(Context::tlsDir).orElseGet(ClientOptions::defaultTlsDir);
    }

    /** A connection to {@code target} (host:port or unix:/path), with the admin credentials in {@code tlsDir} over TCP. */
    static ClientChannel connect(String target, Path tlsDir) {
        if (target.startsWith("unix:")) {
            String path = target.substring("unix:".length());
            if (!path.startsWith("/")) {
                throw new BadInputException("--coordinator " + target + ": the socket path must be absolute");
            }
            return ClientChannel.unix(path, InsecureChannelCredentials.create());
        }
        HostPort address = HostPort.parse(target).orElseThrow(() ->
                new BadInputException("--coordinator '" + target + "' must be host:port or unix:/path"));
        return ClientChannel.tcp(address.target(), adminCredentials(tlsDir), COORDINATOR_AUTHORITY);
    }

    private static ChannelCredentials adminCredentials(Path dir) {
        Path certificate = dir.resolve("admin.crt");
        Path key = dir.resolve("admin.key");
        Path ca = dir.resolve("ca.crt");
        for (Path file : new Path[] {certificate, key, ca}) {
            if (!Files.isReadable(file)) {
                throw new ClientSetupException("no admin credentials: " + file + " is missing. On the manager node run "
                        + "`brickwork admin cert --out " + dir + "` as root (or use the local socket there)");
            }
        }
        try {
            return TlsChannelCredentials.newBuilder()
                    .keyManager(certificate.toFile(), key.toFile())
                    .trustManager(ca.toFile())
                    .build();
        } catch (IOException e) {
            throw new ClientSetupException("cannot read admin credentials in " + dir + ": " + e.getMessage());
        }
    }

    static Path defaultTlsDir() {
        String fromEnv = System.getenv("BRICKWORK_TLS_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(System.getProperty("user.home"), ".config", "brickwork", "admin");
    }
}
