package io.brickwork.coordinator.cli;

import io.brickwork.common.net.HostPort;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every client command shares: where the coordinator is, how to prove who we are, and
 * how to print. On the manager node the root-only Unix socket needs no certificate; elsewhere
 * the CLI presents an admin certificate (made with {@code brickwork admin cert}).
 */
public final class ClientOptions {
    public enum OutputFormat { text, json }

    static final Path DEFAULT_SOCKET = Path.of("/run/brickwork/coordinator.sock");
    /** The name in the coordinator's certificate that clients check, whatever address they dial. */
    public static final String COORDINATOR_AUTHORITY = "brickwork-coordinator";

    @Option(names = "--coordinator", paramLabel = "HOST:PORT|unix:PATH",
            description = "Coordinator address (default: the local socket " + "/run/brickwork/coordinator.sock"
                    + " if present, else localhost:7443).")
    String coordinator;

    @Option(names = "--tls-dir", paramLabel = "DIR",
            description = "Admin credentials (admin.crt, admin.key, ca.crt) for TCP connections "
                    + "(default: $BRICKWORK_TLS_DIR or ~/.config/brickwork/admin).")
    Path tlsDir;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    boolean json() {
        return output == OutputFormat.json;
    }

    /** What the user would recognise: the address given, or the one chosen for them. */
    String describe() {
        return coordinator != null ? coordinator
                : Files.exists(DEFAULT_SOCKET) ? "unix:" + DEFAULT_SOCKET : "localhost:7443";
    }

    /** Opens the connection the command makes; closing it stops its transport thread too. */
    ClientChannel connect() {
        String target = describe();
        if (target.startsWith("unix:")) {
            String path = target.substring("unix:".length());
            if (!path.startsWith("/")) {
                throw new BadInputException("--coordinator " + target + ": the socket path must be absolute");
            }
            return ClientChannel.unix(path, InsecureChannelCredentials.create());
        }
        HostPort address = HostPort.parse(target).orElseThrow(() ->
                new BadInputException("--coordinator '" + target + "' must be host:port or unix:/path"));
        return ClientChannel.tcp(address.target(), adminCredentials(), COORDINATOR_AUTHORITY);
    }

    private ChannelCredentials adminCredentials() {
        Path dir = tlsDir != null ? tlsDir : defaultTlsDir();
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
