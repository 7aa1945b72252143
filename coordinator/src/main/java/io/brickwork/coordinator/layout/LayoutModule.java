package io.brickwork.coordinator.layout;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.coordinator.apply.ApplySettings;
import io.brickwork.coordinator.apply.PlanRunner;
import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.plan.Planner;
import java.time.Clock;

/** Changing a volume's layout (growing or shrinking it by replica sets). Only binds; it runs inside an apply's operation. */
public final class LayoutModule extends AbstractModule {
    @Provides
    @Singleton
    VolumeStates volumeStates(AgentRegistry registry, ApplySettings apply) {
        return new VolumeStates(registry, apply.stepTimeouts().volume());
    }

    @Provides
    @Singleton
    VolumeGrower grower(Planner planner, PlanRunner runner, VolumeStates states, Clock clock, ApplySettings apply) {
        return new VolumeGrower(planner, runner, states, clock, apply.stepTimeouts().volume());
    }

    @Provides
    @Singleton
    VolumeShrinker shrinker(PlanRunner runner, VolumeStates states, Clock clock, ApplySettings apply) {
        return new VolumeShrinker(runner, states, clock, apply.stepTimeouts().volume());
    }
}
