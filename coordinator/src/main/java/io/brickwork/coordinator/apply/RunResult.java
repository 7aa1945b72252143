package io.brickwork.coordinator.apply;

import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import java.util.List;
import java.util.Optional;

/** Every step's report, in plan order. */
public record RunResult(List<StepReport> steps, long durationMillis) {
    public RunResult {
        steps = List.copyOf(steps);
    }

    public boolean success() {
        return firstFailure().isEmpty();
    }

    public Optional<StepReport> firstFailure() {
        return steps.stream()
                .filter(step -> step.getState() == StepState.STEP_STATE_FAILED
                        || step.getState() == StepState.STEP_STATE_REFUSED)
                .findFirst();
    }

    public long count(StepState state) {
        return steps.stream().filter(step -> step.getState() == state).count();
    }
}
