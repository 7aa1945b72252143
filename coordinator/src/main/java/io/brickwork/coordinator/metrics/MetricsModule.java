package io.brickwork.coordinator.metrics;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.coordinator.health.HealthModel;

/** Prometheus series and the {@code /metrics} endpoint. Only binds; the endpoint opens at start. */
public final class MetricsModule extends AbstractModule {
    private final MetricsSettings settings;

    public MetricsModule(MetricsSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    protected void configure() {
        bind(MetricsSettings.class).toInstance(settings);
        bind(ApplyRecorder.class).to(BrickworkMetrics.class);
    }

    @Provides
    @Singleton
    BrickworkMetrics metrics(HealthModel health) {
        return new BrickworkMetrics(health);
    }

    @Provides
    @Singleton
    MetricsServer metricsServer(BrickworkMetrics metrics) {
        return new MetricsServer(settings.listen(), metrics);
    }
}
