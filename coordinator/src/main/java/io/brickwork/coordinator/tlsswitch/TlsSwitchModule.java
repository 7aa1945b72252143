package io.brickwork.coordinator.tlsswitch;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.coordinator.apply.ApplySettings;
import io.brickwork.coordinator.apply.PlanRunner;
import io.brickwork.coordinator.layout.VolumeStates;
import java.time.Clock;

/** Switching a running cluster to TLS. Only binds; it runs inside an apply's operation. */
public final class TlsSwitchModule extends AbstractModule {
    @Provides
    @Singleton
    TlsSwitcher switcher(PlanRunner runner, VolumeStates states, Clock clock, ApplySettings apply) {
        return new TlsSwitcher(runner, states, clock, apply.stepTimeouts().volume(), apply.stepTimeouts().mount());
    }
}
