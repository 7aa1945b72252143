package io.brickwork.coordinator.apply;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.common.concurrent.DaemonThreads;
import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.plan.Planner;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Planning and running plans on the agents, and checking replication afterwards. Only binds. */
public final class ApplyModule extends AbstractModule {
    private final ApplySettings settings;

    public ApplyModule(ApplySettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    protected void configure() {
        bind(ApplySettings.class).toInstance(settings);
    }

    /**
     * One thread per node sequence at most, plus a re-apply's replication check; plans for
     * dozens of nodes stay within a cached pool. Its threads start with the first step; the
     * coordinator's lifecycle shuts it down.
     */
    @Provides
    @Singleton
    @StepThreads
    ExecutorService stepThreads() {
        return Executors.newCachedThreadPool(DaemonThreads.named("step"));
    }

    @Provides
    @Singleton
    Planner planner() {
        return new Planner(settings.stepTimeouts());
    }

    @Provides
    @Singleton
    PlanRunner runner(AgentRegistry registry, @StepThreads ExecutorService steps, Clock clock) {
        return new PlanRunner(registry, steps, clock);
    }

    @Provides
    @Singleton
    ReplicationVerifier verifier(AgentRegistry registry, Clock clock, @StepThreads ExecutorService steps) {
        return new ReplicationVerifier(registry, clock, steps);
    }
}
