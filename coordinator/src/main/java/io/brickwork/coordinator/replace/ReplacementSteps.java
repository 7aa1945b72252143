package io.brickwork.coordinator.replace;

import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import java.util.ArrayList;
import java.util.List;

/**
 * The recovery's steps as a plan shows them, with the good copies each replica set has at each
 * point. Pure. The safety rules have passed by then, so every brick of the set but the outgoing
 * one is online.
 */
public final class ReplacementSteps {
    private ReplacementSteps() {}

    public static List<StepReport> describe(String manager, Recovery recovery) {
        List<StepReport> steps = new ArrayList<>();
        for (RebuiltNode node : recovery.rebuilt()) {
            steps.add(step(node.node(), "restore-glusterd-identity:" + node.node(), "glusterd on " + node.node()
                    + " is a fresh install: take back " + node.uuid() + ", the UUID the pool knows " + node.node()
                    + " by, with its " + node.peers().size() + " peers; start glusterd, which then imports the"
                    + " volumes, and restart it once every peer lists " + node.node() + " in the cluster"));
        }
        for (Replacement replacement : recovery.replacements()) {
            List<String> others = replacement.replicaSet().stream()
                    .filter(brick -> !brick.equals(replacement.oldBrick())).toList();
            int size = replacement.replicaSet().size();
            String copies = "replica set " + String.join(" ", replacement.replicaSet()) + ": " + others.size() + " of "
                    + size + " good copies (" + String.join(", ", others) + ") while " + replacement.newBrick()
                    + " fills";
            if (replacement.isReset()) {
                steps.add(step(replacement.oldHost(), "reset-brick:" + replacement.volume() + ":"
                        + replacement.oldBrick(), "take " + replacement.oldBrick() + " back on its empty directory"
                        + " (reset-brick start, commit force); " + copies));
            } else {
                steps.add(step(manager, "replace-brick:" + replacement.volume() + ":" + replacement.oldBrick(),
                        "replace " + replacement.oldBrick() + " with " + replacement.newBrick() + " (commit force); "
                                + copies));
            }
            steps.add(step(manager, "heal:" + replacement.volume() + ":" + replacement.newBrick(),
                    "wait until " + String.join(", ", replacement.replicaSetAfter())
                            + " report 0 entries pending heal; then " + size + " of " + size + " good copies"));
        }
        for (String host : recovery.departing()) {
            steps.add(step(manager, "detach-peer:" + host, "detach " + host + " from the pool; then its name"
                    + " leaves /etc/hosts on every node"));
        }
        return steps;
    }

    private static StepReport step(String node, String name, String summary) {
        return StepReport.newBuilder().setNode(node).setStep(name).setState(StepState.STEP_STATE_WILL_CHANGE)
                .setSummary(summary).build();
    }
}
