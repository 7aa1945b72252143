package io.brickwork.coordinator.health.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.coordinator.health.problems.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumRuleTest {
    private static final List<String> SIX = List.of("n1:/b", "n2:/b", "n3:/b", "n4:/b", "n5:/b", "n6:/b");

    @Test
    void aSetWithAMajorityOnlineKeepsQuorum() {
        assertEquals(List.of(), QuorumRule.problems("v", 3, SIX.subList(0, 3), List.of(false, false, true)));
    }

    @Test
    void aSetWithTwoOfThreeOfflineLosesQuorumNamingItsBricks() {
        assertEquals(List.of(Problem.quorumLost("v", SIX.subList(0, 3), 1)),
                QuorumRule.problems("v", 3, SIX.subList(0, 3), List.of(true, false, true)));
    }

    @Test
    void eachReplicaSetIsJudgedOnItsOwn() {
        assertEquals(List.of(Problem.quorumLost("v", SIX.subList(3, 6), 1)),
                QuorumRule.problems("v", 3, SIX, List.of(true, false, false, true, true, false)));
    }

    @Test
    void twoBricksOfFourAreNotAMajority() {
        assertEquals(List.of(Problem.quorumLost("v", SIX.subList(0, 4), 2)),
                QuorumRule.problems("v", 4, SIX.subList(0, 4), List.of(false, true, false, true)));
    }
}
