package io.brickwork.coordinator.departure;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.coordinator.apply.ApplySettings;
import io.brickwork.coordinator.apply.PlanRunner;
import io.brickwork.coordinator.swarm.StorageLabeler;
import java.util.Optional;

/** Nodes leaving the cluster. Only binds; it runs inside an apply's operation. */
public final class DepartureModule extends AbstractModule {
    @Provides
    @Singleton
    NodeRemover remover(PlanRunner runner, Optional<StorageLabeler> labeler, ApplySettings apply) {
        return new NodeRemover(runner, labeler, apply.stepTimeouts().mount());
    }
}
