package io.brickwork.coordinator.gateway;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The agents' streams and the registry of their sessions. Only binds; heartbeats start with the
 * coordinator.
 */
public final class GatewayModule extends AbstractModule {
    private final GatewaySettings settings;
    private final boolean requireCertificate;

    /**
     * @param requireCertificate whether a node certificate must back every hello: whenever the
     *     transport proves callers by certificate, i.e. always but in tests in one process
     */
    public GatewayModule(GatewaySettings settings, boolean requireCertificate) {
        this.settings = requireNonNull(settings, "settings is null");
        this.requireCertificate = requireCertificate;
    }

    @Override
    protected void configure() {
        bind(GatewaySettings.class).toInstance(settings);
        bind(AgentRegistry.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    AgentGatewayService gateway(AgentRegistry registry, ScheduledExecutorService timer, Clock clock,
            AgentGatewayService.Listener listener, AgentRequests requests) {
        return new AgentGatewayService(registry, settings.heartbeatInterval(), timer, clock, settings.transitGrace(),
                requireCertificate, listener, requests);
    }
}
