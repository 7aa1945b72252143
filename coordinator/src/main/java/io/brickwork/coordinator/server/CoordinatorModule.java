package io.brickwork.coordinator.server;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.coordinator.api.CoordinatorService;
import io.brickwork.coordinator.api.StatusReader;
import io.brickwork.coordinator.apply.PlanRunner;
import io.brickwork.coordinator.apply.ReplicationVerifier;
import io.brickwork.coordinator.gateway.AgentGatewayService;
import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.plan.Planner;
import io.brickwork.coordinator.state.SpecStore;
import io.grpc.ServerCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Binds the coordinator's parts. Only binds: the server starts in {@link CoordinatorServer#start()}. */
public final class CoordinatorModule extends AbstractModule {
    private final CoordinatorSettings settings;
    private final ServerCredentials credentials;

    public CoordinatorModule(CoordinatorSettings settings, ServerCredentials credentials) {
        this.settings = requireNonNull(settings, "settings is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
    }

    @Override
    protected void configure() {
        bind(CoordinatorSettings.class).toInstance(settings);
        bind(ServerCredentials.class).toInstance(credentials);
        bind(Clock.class).toInstance(Clock.systemUTC());
    }

    @Provides
    @Singleton
    AgentRegistry registry() {
        return new AgentRegistry();
    }

    @Provides
    @Singleton
    ScheduledExecutorService timer() {
        return Executors.newScheduledThreadPool(2, daemon("coordinator-timer"));
    }

    @Provides
    @Singleton
    AgentGatewayService gateway(AgentRegistry registry, ScheduledExecutorService timer, Clock clock) {
        return new AgentGatewayService(registry, settings.heartbeatInterval(), timer, clock, Duration.ofSeconds(5));
    }

    @Provides
    @Singleton
    CoordinatorService api(AgentRegistry registry, ScheduledExecutorService timer, Clock clock) {
        // One thread per node sequence at most; plans for dozens of nodes stay within a cached pool.
        ExecutorService steps = Executors.newCachedThreadPool(daemon("step"));
        return new CoordinatorService(registry, new Planner(settings.stepTimeouts()),
                new PlanRunner(registry, steps, clock), new ReplicationVerifier(registry, clock),
                new StatusReader(registry), new SpecStore(settings.stateDir()), settings.verifyTimeout());
    }

    @Provides
    @Singleton
    CoordinatorServer server(AgentGatewayService gateway, CoordinatorService api) {
        return new CoordinatorServer(settings.listen(), credentials, gateway, api);
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
