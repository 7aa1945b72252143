package io.brickwork.coordinator.replace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.proto.agent.v1.BrickHealFact;
import io.brickwork.proto.agent.v1.VolumeState;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SafetyRulesTest {
    static final List<String> SET = ReplacementFinderTest.ON_1_2_3;
    static final Replacement NODE3 = new Replacement("gfs", "node3:/gluster/brick", "node7:/gluster/brick", SET);

    static BrickHealFact online(String brick, long pending) {
        return BrickHealFact.newBuilder().setBrick(brick).setConnected(true).setPending(pending).setStatus("Connected")
                .build();
    }

    static BrickHealFact unreachable(String brick) {
        return BrickHealFact.newBuilder().setBrick(brick).setConnected(false)
                .setStatus("Transport endpoint is not connected").build();
    }

    /** As DescribeVolume reads it: online from volume status; heal counts only when every brick is online. */
    static VolumeState state(BrickHealFact... heals) {
        VolumeState.Builder state = VolumeState.newBuilder().setExists(true).setReplica(3).addAllBricks(SET);
        List<String> offline = new java.util.ArrayList<>();
        for (BrickHealFact heal : heals) {
            if (heal.getConnected()) {
                state.addOnlineBricks(heal.getBrick());
            } else {
                offline.add(heal.getBrick());
            }
        }
        return offline.isEmpty() ? state.addAllHeals(List.of(heals)).build()
                : state.setHealUnread("not read: " + String.join(", ", offline) + " offline").build();
    }

    @Test
    void aDeadBrickWhoseLastCountWas0WithBothOthersOnlineMayBeReplaced() {
        VolumeState state = state(online(SET.get(0), 20), online(SET.get(1), 20), unreachable(SET.get(2)));

        assertEquals(Optional.empty(), SafetyRules.check(NODE3, state, OptionalLong.of(0)));
    }

    @Test
    void anotherBrickOfTheSetOfflineIsRefusedNamingItAndWhatMakesItSafe() {
        VolumeState state = state(online(SET.get(0), 0), unreachable(SET.get(1)), unreachable(SET.get(2)));

        String refusal = SafetyRules.check(NODE3, state, OptionalLong.of(0)).orElseThrow();

        assertTrue(refusal.startsWith("node3:/gluster/brick cannot be replaced: node2:/gluster/brick"), refusal);
        assertTrue(refusal.contains("safe once it is online again"), refusal);
        assertTrue(refusal.contains("node2:/gluster/brick of the same replica set is offline"), refusal);
    }

    @Test
    void anUnreachableBrickThatLastHeldPendingEntriesIsRefused() {
        VolumeState state = state(online(SET.get(0), 0), online(SET.get(1), 0), unreachable(SET.get(2)));

        String refusal = SafetyRules.check(NODE3, state, OptionalLong.of(12)).orElseThrow();

        assertTrue(refusal.contains("last reported 12 entries pending heal"), refusal);
    }

    @Test
    void anUnreachableBrickWhoseCountWasNeverSeenIsRefused() {
        VolumeState state = state(online(SET.get(0), 0), online(SET.get(1), 0), unreachable(SET.get(2)));

        assertTrue(SafetyRules.check(NODE3, state, OptionalLong.empty()).orElseThrow().contains("never saw"));
    }

    @Test
    void aReachableOutgoingBrickWithPendingEntriesIsRefused() {
        VolumeState state = state(online(SET.get(0), 0), online(SET.get(1), 0), online(SET.get(2), 3));

        assertTrue(SafetyRules.check(NODE3, state, OptionalLong.of(0)).orElseThrow().contains("holds 3 entries"));
    }

    @Test
    void anOnlineOutgoingBrickWhoseCountCouldNotBeReadIsRefused() {
        VolumeState state = VolumeState.newBuilder().setExists(true).setReplica(3).addAllBricks(SET)
                .addAllOnlineBricks(SET).setHealUnread("Not able to fetch volfile from glusterd").build();

        assertTrue(SafetyRules.check(NODE3, state, OptionalLong.of(0)).orElseThrow().contains("could not be counted"));
    }

    @Test
    void inAReplica2SetTheFirstBrickMayNotGoBecauseTheSecondAloneHasNoQuorum() {
        List<String> pair = List.of("node1:/b", "node2:/b");
        Replacement first = new Replacement("gfs", "node1:/b", "node7:/b", pair);
        VolumeState state = VolumeState.newBuilder().setExists(true).setReplica(2).addAllBricks(pair)
                .addOnlineBricks("node2:/b").build();

        assertTrue(SafetyRules.check(first, state, OptionalLong.of(0)).orElseThrow().contains("client quorum"));
        Replacement second = new Replacement("gfs", "node2:/b", "node7:/b", pair);
        VolumeState firstOnline = state.toBuilder().clearOnlineBricks().addOnlineBricks("node1:/b").build();
        assertEquals(Optional.empty(), SafetyRules.check(second, firstOnline, OptionalLong.of(0)));
    }
}
