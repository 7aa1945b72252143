package io.brickwork.coordinator.layout;

import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import java.util.ArrayList;
import java.util.List;

/**
 * A growth's or a shrink's steps as a plan shows them: the layout before and after, set by set with the zone
 * of every brick, and what each step waits for. Pure.
 */
public final class GrowthSteps {
    private GrowthSteps() {}

    public static List<StepReport> describe(ClusterSpec spec, List<Growth> growths) {
        List<StepReport> steps = new ArrayList<>();
        for (Growth growth : growths) {
            steps.add(step(spec.manager(), "add-brick:" + growth.volume(), growth.describe() + ": before "
                    + sets(spec, growth.existing(), growth.replicaBefore()) + "; after " + sets(spec, growth.after(),
                    growth.replica()) + "; add-brick " + (growth.raiseReplica() ? "replica " + growth.replica() + " " : "")
                    + String.join(" ", growth.added()) + " once every brick is online with 0 entries pending heal,"
                    + " read just before"));
            if (growth.raiseReplica()) {
                steps.add(step(spec.manager(), "heal:" + growth.volume(), "wait until every brick of "
                        + growth.volume() + " reports 0 entries pending heal and 0 in split-brain, twice in a row:"
                        + " the self-heal daemon fills " + String.join(" ", growth.added())));
                continue;
            }
            steps.add(step(spec.manager(), rebalanceStartStep(growth), "start a rebalance of " + growth.volume()
                    + " (rebalance " + growth.volume() + " start)"));
            steps.add(step(spec.manager(), "rebalance:" + growth.volume(), "wait until `rebalance status` reports "
                    + growth.volume() + " completed with 0 failures on every node (files scanned, moved and failed"
                    + " shown as it goes); stopped, failed or failures fail the operation"));
        }
        return steps;
    }

    /** A shrink's steps: the layout before and after, and what the commit waits for. */
    public static List<StepReport> describeShrinks(ClusterSpec spec, List<Shrink> shrinks) {
        List<StepReport> steps = new ArrayList<>();
        for (Shrink shrink : shrinks) {
            String removed = String.join(" ", shrink.removed());
            if (shrink.lowersReplica()) {
                steps.add(step(spec.manager(), "remove-brick-replica:" + shrink.volume(), shrink.describe()
                        + ": before " + sets(spec, shrink.existing(), shrink.replica()) + "; after "
                        + sets(spec, shrink.after(), shrink.replicaAfter()) + "; remove-brick replica "
                        + shrink.replicaAfter() + " " + removed + " force, only on a read made just before it:"
                        + " every brick online, 0 entries pending heal and 0 in split-brain"));
                continue;
            }
            steps.add(step(spec.manager(), "remove-brick-start:" + shrink.volume(), shrink.describe() + ": before "
                    + sets(spec, shrink.existing(), shrink.replica()) + "; after " + sets(spec, shrink.after(),
                    shrink.replica()) + "; remove-brick " + removed + " start once every brick is online with 0"
                    + " entries pending heal, read just before"));
            steps.add(step(spec.manager(), "migration:" + shrink.volume(), "wait until the migration off " + removed
                    + " reports completed with 0 failures (files scanned, moved and failed shown as it goes);"
                    + " stopped, failed or failures fail the operation and nothing is committed"));
            steps.add(step(spec.manager(), "remove-brick-commit:" + shrink.volume(), "remove-brick " + removed
                    + " commit, on a read made just before: migration completed with 0 failures and every remaining"
                    + " brick online"));
        }
        return steps;
    }

    private static String rebalanceStartStep(Growth growth) {
        return VolumeGrower.rebalanceStartStep(growth.volume());
    }

    /** "[node1:/b (rack-a) node2:/b (rack-b)] [...]". */
    static String sets(ClusterSpec spec, List<String> bricks, int replica) {
        List<String> sets = new ArrayList<>();
        for (int start = 0; start < bricks.size(); start += replica) {
            sets.add("[" + String.join(" ", bricks.subList(start, start + replica).stream()
                    .map(brick -> brick + (spec.zones().isEmpty() ? "" : " (" + spec.zoneOf(ReplicaSets.host(brick)) + ")"))
                    .toList()) + "]");
        }
        return bricks.size() / replica + " x " + replica + " " + String.join(" ", sets);
    }

    private static StepReport step(String node, String name, String summary) {
        return StepReport.newBuilder().setNode(node).setStep(name).setState(StepState.STEP_STATE_WILL_CHANGE)
                .setSummary(summary).build();
    }
}
