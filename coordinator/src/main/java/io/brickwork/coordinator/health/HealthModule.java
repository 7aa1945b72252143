package io.brickwork.coordinator.health;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.coordinator.api.ApiSettings;
import io.brickwork.coordinator.gateway.AgentRegistry;
import java.time.Clock;

/**
 * The cluster's picture and the agents' watch lists, fed by the agent streams. Only binds; the
 * picture is looked at again every second once the coordinator runs (nodes go stale in silence).
 */
public final class HealthModule extends AbstractModule {
    static final String PENDING_COUNTS_FILE = "heal-counts.pb";

    private final HealthSettings settings;

    public HealthModule(HealthSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    protected void configure() {
        bind(HealthSettings.class).toInstance(settings);
    }

    /** The last pending counts live in the API's state directory, beside the operations they guard. */
    @Provides
    @Singleton
    HealthModel health(Clock clock, ApiSettings api) {
        return new HealthModel(clock, settings.reportInterval(), new PendingCounts(api.stateDir().resolve(
                PENDING_COUNTS_FILE)));
    }

    @Provides
    @Singleton
    WatchLists watchLists(AgentRegistry registry) {
        return new WatchLists(registry, settings.reportInterval());
    }

    /** What the agents' streams tell: the gateway hears it, the health model and the watch lists learn it. */
    @Provides
    @Singleton
    GatewayFeed gatewayFeed(HealthModel health, WatchLists watchLists) {
        return new GatewayFeed(health, watchLists);
    }
}
