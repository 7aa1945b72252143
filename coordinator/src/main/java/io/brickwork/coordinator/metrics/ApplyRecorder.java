package io.brickwork.coordinator.metrics;

import java.time.Duration;

/** Counts applies: every valid spec that got the apply lock, whether it converged (and verified), and how long it took. */
public interface ApplyRecorder {
    ApplyRecorder NONE = (success, duration) -> { };

    void applied(boolean success, Duration duration);
}
