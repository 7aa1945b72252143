package io.brickwork.coordinator.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.brickwork.common.net.HostPort;
import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.metrics.BrickworkMetrics;
import io.brickwork.coordinator.metrics.MetricsServer;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwarmModuleTest {
    @TempDir
    Path dir;

    private final HealthModel model = new HealthModel(new MutableClock(Instant.parse("2025-01-01T00:00:00Z")),
            Duration.ofSeconds(5));
    private final BrickworkMetrics metrics = new BrickworkMetrics(model);

    private Optional<StorageLabeler> labeler(SwarmSettings settings) {
        Injector injector = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                binder().requireExplicitBindings();
                bind(HealthModel.class).toInstance(model);
                bind(BrickworkMetrics.class).toInstance(metrics);
            }
        }, new SwarmModule(settings));
        return injector.getInstance(Key.get(new TypeLiteral<Optional<StorageLabeler>>() {}));
    }

    @Test
    void withoutADockerHostThereIsNoLabeler() {
        assertEquals(Optional.empty(), labeler(SwarmSettings.disabled()));
    }

    @Test
    void anUnreachableManagerShowsInTheMetricsAndInTheLabelersState() throws Exception {
        model.specApplied(SpecParser.parse("""
                cluster { name = staging, nodes = [node1, node2, node3] }
                volumes = [{ name = staging-gfs, replica = 3, brick = "/gluster/brick" }]
                """, "test"));
        String socket = "unix://" + dir.resolve("docker.sock");
        StorageLabeler labeler = labeler(new SwarmSettings(Optional.of(socket), Duration.ofMillis(200),
                Duration.ofSeconds(2))).orElseThrow();
        MetricsServer server = new MetricsServer(Optional.of(new HostPort("127.0.0.1", 0)), metrics);
        labeler.start();
        server.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (labeler.state().error().orElse("").equals("not reconciled yet") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(labeler.state().error().orElse("").contains(dir.resolve("docker.sock").toString()),
                    labeler.state().toString());
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port().orElseThrow() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(response.body().lines().anyMatch(line -> line.startsWith("brickwork_swarm_reachable 0")),
                    response.body());
        } finally {
            server.stop();
            labeler.stop();
        }
    }
}
