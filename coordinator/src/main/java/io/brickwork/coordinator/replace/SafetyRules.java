package io.brickwork.coordinator.replace;

import io.brickwork.proto.agent.v1.BrickHealFact;
import io.brickwork.proto.agent.v1.VolumeState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether one brick may be replaced now, from a fresh read of its volume. Pure. The rules:
 * every other brick of its replica set is online (glusterd's `volume status`); the volume keeps
 * client quorum (gluster's "auto": more than half of the set, or exactly half including its
 * first brick); the outgoing brick holds no pending heal, which could be the only good copy of
 * those entries (counted when it is online; when it is not, the last count this coordinator saw
 * for it must have been 0, unless it is a reset onto an empty directory: its data is gone already).
 */
public final class SafetyRules {
    private SafetyRules() {}

    /** @return why not, naming the brick, the reason and what would make it safe; empty when safe */
    public static Optional<String> check(Replacement replacement, VolumeState state, OptionalLong lastSeenPending) {
        String volume = replacement.volume();
        if (!state.getExists()) {
            return Optional.of("volume " + volume + " does not exist any more");
        }
        if (!state.getBricksList().contains(replacement.oldBrick())) {
            return Optional.of(replacement.oldBrick() + " is no longer a brick of " + volume);
        }
        Map<String, BrickHealFact> heals = state.getHealsList().stream()
                .collect(Collectors.toMap(BrickHealFact::getBrick, Function.identity(), (a, b) -> a));
        List<String> others = replacement.replicaSet().stream().filter(brick -> !brick.equals(replacement.oldBrick()))
                .toList();
        List<String> offline = others.stream().filter(brick -> !state.getOnlineBricksList().contains(brick)).toList();
        if (!offline.isEmpty()) {
            return Optional.of(replacement.oldBrick() + " cannot be replaced: " + String.join(", ", offline)
                    + " of the same replica set " + (offline.size() == 1 ? "is" : "are") + " offline (glusterd"
                    + " reports no running brick process), so the new brick would have too few copies to heal"
                    + " from; it is safe once " + (offline.size() == 1 ? "it is" : "they are") + " online again");
        }
        int replica = replacement.replicaSet().size();
        int online = others.size();
        boolean quorum = 2 * online > replica
                || (2 * online == replica && !replacement.replicaSet().get(0).equals(replacement.oldBrick()));
        if (!quorum) {
            return Optional.of(replacement.oldBrick() + " cannot be replaced: without it the replica set "
                    + String.join(" ", replacement.replicaSet()) + " keeps " + online + " of " + replica
                    + " bricks, below client quorum, and clients would stop writing; add a brick to the set first");
        }
        if (state.getOnlineBricksList().contains(replacement.oldBrick())) {
            BrickHealFact outgoing = heals.get(replacement.oldBrick());
            if (outgoing == null || !outgoing.getConnected()) {
                return Optional.of(replacement.oldBrick() + " is online but its entries pending heal could not be"
                        + " counted (" + (state.getHealUnread().isEmpty() ? "the heal read did not list it"
                        : state.getHealUnread()) + "); it is safe once `gluster volume heal " + volume
                        + " info summary` shows 0 for it");
            }
            if (outgoing.getPending() > 0) {
                return Optional.of(replacement.oldBrick() + " holds " + outgoing.getPending() + " entries pending heal,"
                        + " which may exist nowhere else; it is safe once `gluster volume heal " + volume
                        + " info summary` shows 0 for it");
            }
            return Optional.empty();
        }
        if (replacement.isReset()) {
            // Its node found the directory empty: whatever the old disk held is gone already, and
            // refusing would only keep the set short of a copy.
            return Optional.empty();
        }
        if (lastSeenPending.isEmpty()) {
            return Optional.of(replacement.oldBrick() + " is unreachable and this coordinator never saw its count of"
                    + " entries pending heal, so it may hold the only good copy of some; it is safe once the brick"
                    + " is back and reports 0, or once an operator who knows it held nothing pending replaces it"
                    + " by hand");
        }
        if (lastSeenPending.getAsLong() > 0) {
            return Optional.of(replacement.oldBrick() + " is unreachable and last reported "
                    + lastSeenPending.getAsLong() + " entries pending heal, which may exist nowhere else; it is safe"
                    + " once the brick is back and has healed them to its set (0 pending)");
        }
        return Optional.empty();
    }

}
