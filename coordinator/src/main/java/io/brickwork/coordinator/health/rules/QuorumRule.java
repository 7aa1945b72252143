package io.brickwork.coordinator.health.rules;

import io.brickwork.coordinator.health.problems.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Gluster groups a volume's consecutive bricks into replica sets (an arbiter brick last in its
 * set); a set takes writes only while more than half of its bricks are online. Only a brick known
 * to be offline counts against that: one whose state is unknown might be online.
 */
public final class QuorumRule {
    private QuorumRule() {}

    /**
     * @param bricks the volume's bricks in gluster's order
     * @param knownOffline per brick, in the same order: whether it is known to be offline
     * @return one problem per replica set that lost quorum
     */
    public static List<Problem> problems(String volume, int replica, List<String> bricks, List<Boolean> knownOffline) {
        List<Problem> problems = new ArrayList<>();
        int setSize = Math.max(1, replica);
        for (int start = 0; start + setSize <= bricks.size(); start += setSize) {
            int offline = 0;
            for (int i = start; i < start + setSize; i++) {
                offline += knownOffline.get(i) ? 1 : 0;
            }
            int possiblyOnline = setSize - offline;
            if (possiblyOnline < setSize / 2 + 1) {
                problems.add(Problem.quorumLost(volume, bricks.subList(start, start + setSize), possiblyOnline));
            }
        }
        return problems;
    }
}
