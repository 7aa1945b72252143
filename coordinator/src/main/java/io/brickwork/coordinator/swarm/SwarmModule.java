package io.brickwork.coordinator.swarm;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.common.concurrent.DaemonThreads;
import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.metrics.BrickworkMetrics;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The Swarm integration: a {@link StorageLabeler} when {@code swarm.docker-host} is set, nothing
 * otherwise. Only binds; the labeler starts after the server, and its thread with it.
 */
public final class SwarmModule extends AbstractModule {
    private final SwarmSettings settings;

    public SwarmModule(SwarmSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    protected void configure() {
        bind(SwarmSettings.class).toInstance(settings);
    }

    @Provides
    @Singleton
    Optional<StorageLabeler> labeler(HealthModel health, BrickworkMetrics metrics) {
        if (settings.dockerHost().isEmpty()) {
            return Optional.empty();
        }
        StorageLabeler labeler = new StorageLabeler(health, new DockerSwarmApi(settings.dockerHost().get(),
                settings.timeout()), Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("swarm-labels")),
                settings.reconcileInterval());
        GaugeWithCallback.builder().name("brickwork_swarm_storage_label")
                .help("1 while the Swarm node carries brickwork.storage.<volume>=ready, as of the last reconcile.")
                .labelNames("node", "volume")
                .callback(out -> labeler.state().labels().forEach(label ->
                        out.call(label.getLabelled() ? 1 : 0, label.getNode(), label.getVolume())))
                .register(metrics.registry());
        GaugeWithCallback.builder().name("brickwork_swarm_reachable")
                .help("1 when the last reconcile of the storage labels reached the Swarm manager.")
                .callback(out -> out.call(labeler.state().error().isEmpty() ? 1 : 0))
                .register(metrics.registry());
        return Optional.of(labeler);
    }
}
