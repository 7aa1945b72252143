package io.brickwork.coordinator.replace;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.coordinator.apply.ApplySettings;
import io.brickwork.coordinator.apply.PlanRunner;
import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.plan.Planner;
import java.time.Clock;

/** Replacing a dead node's bricks. Only binds; it runs inside an apply's operation. */
public final class ReplaceModule extends AbstractModule {
    @Provides
    @Singleton
    VolumeReader volumeReader(AgentRegistry registry, ApplySettings apply) {
        return new VolumeReader(registry, apply.stepTimeouts().volume());
    }

    @Provides
    @Singleton
    NodeReplacer replacer(Planner planner, PlanRunner runner, VolumeReader reader, HealthModel health, Clock clock,
            ApplySettings apply) {
        return new NodeReplacer(planner, runner, reader, health, clock, apply.stepTimeouts().volume());
    }
}
