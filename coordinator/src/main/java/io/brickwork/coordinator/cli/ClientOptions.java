package io.brickwork.coordinator.cli;

import io.brickwork.common.net.HostPort;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/** Options every client command shares: where the coordinator is, and how to print. */
public final class ClientOptions {
    public enum OutputFormat { text, json }

    @Option(names = "--coordinator", paramLabel = "HOST:PORT", defaultValue = "localhost:7443",
            description = "Coordinator address (default: ${DEFAULT-VALUE}).")
    String coordinator;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    boolean json() {
        return output == OutputFormat.json;
    }

    ManagedChannel channel() {
        HostPort target = HostPort.parse(coordinator).orElseThrow(() ->
                new BadInputException("--coordinator '" + coordinator + "' must be host:port"));
        return Grpc.newChannelBuilder(target.target(), InsecureChannelCredentials.create()).build();
    }

    static void close(ManagedChannel channel) {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
