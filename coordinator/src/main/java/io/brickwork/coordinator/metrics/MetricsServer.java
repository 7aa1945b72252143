package io.brickwork.coordinator.metrics;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.net.HostPort;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.logging.Logger;

/** Serves {@code /metrics} over plain HTTP, or nothing when no address is configured. */
public final class MetricsServer {
    private static final Logger log = Logger.getLogger(MetricsServer.class.getName());

    private final Optional<HostPort> listen;
    private final BrickworkMetrics metrics;
    private HTTPServer server;

    public MetricsServer(Optional<HostPort> listen, BrickworkMetrics metrics) {
        this.listen = requireNonNull(listen, "listen is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /** Port 0 picks a free port; see {@link #port()}. */
    public synchronized void start() {
        if (listen.isEmpty() || server != null) {
            return;
        }
        HostPort address = listen.get();
        try {
            server = HTTPServer.builder()
                    .hostname(address.host())
                    .port(address.port())
                    .registry(metrics.registry())
                    .metricsHandlerPath("/metrics")
                    .buildAndStart();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + address.target() + ": " + e.getMessage(), e);
        }
        log.info(() -> "metrics on http://" + address.host() + ":" + server.getPort() + "/metrics");
    }

    /** The bound port, when serving. */
    public synchronized Optional<Integer> port() {
        return server == null ? Optional.empty() : Optional.of(server.getPort());
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
