package io.brickwork.coordinator.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Steps that may run at the same time: the sequences run in parallel (one per node), the steps
 * of a sequence in order. A phase starts only when the one before it has fully succeeded.
 */
public record Phase(String name, List<Sequence> sequences) {
    public Phase {
        requireNonNull(name, "name is null");
        sequences = List.copyOf(sequences);
    }

    public record Sequence(String node, List<PlannedStep> steps) {
        public Sequence {
            requireNonNull(node, "node is null");
            steps = List.copyOf(steps);
        }
    }

    public List<PlannedStep> steps() {
        return sequences.stream().flatMap(sequence -> sequence.steps().stream()).toList();
    }
}
