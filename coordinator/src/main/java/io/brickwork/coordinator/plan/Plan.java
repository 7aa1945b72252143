package io.brickwork.coordinator.plan;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.spec.ClusterSpec;
import java.util.List;

/** The spec turned into ordered phases of typed steps. */
public record Plan(ClusterSpec spec, List<Phase> phases) {
    public Plan {
        requireNonNull(spec, "spec is null");
        phases = List.copyOf(phases);
    }

    public List<PlannedStep> steps() {
        return phases.stream().flatMap(phase -> phase.steps().stream()).toList();
    }
}
