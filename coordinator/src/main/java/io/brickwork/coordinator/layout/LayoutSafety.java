package io.brickwork.coordinator.layout;

import io.brickwork.proto.agent.v1.BrickHealFact;
import io.brickwork.proto.agent.v1.VolumeState;
import java.util.List;
import java.util.Optional;

/**
 * When bricks may be added or removed, on a state read just before: the volume still has exactly
 * the bricks the change was planned on, every one of them online, none with entries pending heal
 * or in split-brain (a migration would move files whose copies disagree), and no rebalance
 * running. Pure.
 */
public final class LayoutSafety {
    private LayoutSafety() {}

    /** Why not, or empty when the growth may go ahead. */
    public static Optional<String> check(Growth growth, VolumeState state) {
        return check(growth.volume(), growth.existing(), "growing", state);
    }

    public static Optional<String> check(Shrink shrink, VolumeState state) {
        return check(shrink.volume(), shrink.existing(), "shrinking", state);
    }

    /** @param planned the bricks the change was planned on; {@code change} names it for people */
    static Optional<String> check(String volume, List<String> planned, String change, VolumeState state) {
        if (!state.getExists()) {
            return Optional.of("volume " + volume + " does not exist");
        }
        if (!state.getBricksList().equals(planned)) {
            return Optional.of("volume " + volume + " now has bricks " + String.join(" ", state.getBricksList())
                    + ", not the " + planned.size() + " the change was planned on");
        }
        List<String> offline = planned.stream()
                .filter(brick -> !state.getOnlineBricksList().contains(brick)).toList();
        if (!offline.isEmpty()) {
            return Optional.of("volume " + volume + " has offline bricks (" + String.join(", ", offline)
                    + "): bring them back and let them heal before " + change + " it");
        }
        if (!state.getHealUnread().isEmpty()) {
            return Optional.of("the heal counts of " + volume + " could not be read (" + state.getHealUnread()
                    + "); a volume's layout changes only when it is known to be healed");
        }
        long pending = state.getHealsList().stream().mapToLong(BrickHealFact::getPending).sum();
        long splitBrain = state.getHealsList().stream().mapToLong(BrickHealFact::getSplitBrain).sum();
        if (splitBrain > 0) {
            return Optional.of("volume " + volume + " has " + splitBrain + " entries in split-brain: resolve them first");
        }
        if (pending > 0) {
            return Optional.of("volume " + volume + " is healing (" + pending + " entries pending): change its"
                    + " layout once the heal has finished");
        }
        if (state.getRebalance().getStatus().contains("in progress")) {
            return Optional.of("a rebalance of " + volume + " is running (task " + state.getRebalance().getTaskId()
                    + "): change its layout once that has finished");
        }
        return Optional.empty();
    }
}
