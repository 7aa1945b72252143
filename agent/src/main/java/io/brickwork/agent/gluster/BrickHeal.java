package io.brickwork.agent.gluster;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * One brick of {@code volume heal VOLUME info summary}. A brick that could not be asked (it is
 * down) has a status but no counts.
 */
public record BrickHeal(String brick, String status, OptionalLong pending, OptionalLong splitBrain) {
    public BrickHeal {
        requireNonNull(brick, "brick is null");
        requireNonNull(status, "status is null");
        requireNonNull(pending, "pending is null");
        requireNonNull(splitBrain, "splitBrain is null");
    }

    public boolean counted() {
        return pending.isPresent() && splitBrain.isPresent();
    }
}
