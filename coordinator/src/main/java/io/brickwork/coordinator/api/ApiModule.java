package io.brickwork.coordinator.api;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.coordinator.apply.ApplySettings;
import io.brickwork.coordinator.apply.PlanRunner;
import io.brickwork.coordinator.apply.ReplicationVerifier;
import io.brickwork.coordinator.apply.StepThreads;
import io.brickwork.coordinator.departure.NodeRemover;
import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.gateway.AgentRequests;
import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.health.WatchLists;
import io.brickwork.coordinator.layout.VolumeGrower;
import io.brickwork.coordinator.layout.VolumeShrinker;
import io.brickwork.coordinator.metrics.ApplyRecorder;
import io.brickwork.coordinator.operation.Operations;
import io.brickwork.coordinator.plan.Planner;
import io.brickwork.coordinator.quota.DirectoryQuotaService;
import io.brickwork.coordinator.replace.NodeReplacer;
import io.brickwork.coordinator.replace.VolumeReader;
import io.brickwork.coordinator.tlsswitch.TlsSwitcher;
import io.brickwork.coordinator.security.AuditTrail;
import io.brickwork.coordinator.state.SpecStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** The public API (plan, apply, verify, status). Only binds; the spec in force is read at start. */
public final class ApiModule extends AbstractModule {
    private final ApiSettings settings;

    /** Within the agent's own wait for the answer (15 s): enabling quota restarts no brick. */
    static final Duration QUOTA_ACTION_TIMEOUT = Duration.ofSeconds(12);

    public ApiModule(ApiSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    protected void configure() {
        bind(ApiSettings.class).toInstance(settings);
    }

    @Provides
    @Singleton
    SpecStore specStore() {
        return new SpecStore(settings.stateDir());
    }

    /** Quota requests of the agents' Docker volume plugins, checked against the applied spec. */
    @Provides
    @Singleton
    AgentRequests agentRequests(AgentRegistry registry, SpecStore specStore, AuditTrail audit,
            ScheduledExecutorService timer, Clock clock) {
        return new DirectoryQuotaService(registry, specStore, audit, timer, clock, QUOTA_ACTION_TIMEOUT);
    }

    @Provides
    @Singleton
    CoordinatorService api(AgentRegistry registry, Planner planner, PlanRunner runner, ReplicationVerifier verifier,
            HealthModel health, WatchLists watchLists, ApplyRecorder applyRecorder, SpecStore specStore,
            ApplySettings apply, ScheduledExecutorService timer, @StepThreads ExecutorService steps, Operations operations,
            VolumeReader volumeReader, NodeReplacer replacer, VolumeGrower grower, VolumeShrinker shrinker,
            NodeRemover remover, TlsSwitcher tlsSwitcher) {
        return new CoordinatorService(registry, planner, runner, verifier, health, watchLists, applyRecorder,
                specStore, apply.verifyTimeout(), timer, steps, operations, volumeReader, replacer, grower, shrinker,
                remover, tlsSwitcher);
    }
}
