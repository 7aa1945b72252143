package io.brickwork.coordinator.plan;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** How long each kind of step may take on the agent before it counts as failed. */
public record StepTimeouts(Duration standard, Duration packages, Duration peers, Duration volume, Duration mount) {
    public StepTimeouts {
        requireNonNull(standard, "standard is null");
        requireNonNull(packages, "packages is null");
        requireNonNull(peers, "peers is null");
        requireNonNull(volume, "volume is null");
        requireNonNull(mount, "mount is null");
    }
}
