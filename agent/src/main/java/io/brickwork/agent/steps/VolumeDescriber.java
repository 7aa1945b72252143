package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.BrickHeal;
import io.brickwork.agent.gluster.BrickStatus;
import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.RebalanceStatus;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.system.CommandException;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.BrickHealFact;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.RebalanceNode;
import io.brickwork.proto.agent.v1.RebalanceState;
import io.brickwork.proto.agent.v1.VolumeState;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * DescribeVolume: one volume's layout and heal counts, read fresh from glusterd. The coordinator
 * decides on a replacement from this, never from its cached reports.
 */
public final class VolumeDescriber {
    private final GlusterCli cli;

    @Inject
    public VolumeDescriber(GlusterCli cli) {
        this.cli = requireNonNull(cli, "cli is null");
    }

    /** The layout, and with {@code healCounts} the brick states and heal counts too. */
    public ActionResult describe(String name, boolean healCounts, StepContext context) {
        return describe(name, healCounts, healCounts, false, List.of(), context);
    }

    /**
     * @param brickStates also read which bricks are online ({@code volume status}: quick)
     * @param healCounts with brickStates, and when every brick is online, also the heal counts
     *     (which cost every brick an index crawl)
     * @param rebalance also read the volume's last rebalance; a failed read is in rebalance_unread
     * @param removing also read the migration off these bricks ("host:path"); a failed read is in removal_unread
     *
     * <p>A failed layout read fails the action; a brick state or heal read that failed or was not
     * made (the volume is stopped, a brick is offline) is reported in heal_unread with the layout.
     */
    public ActionResult describe(String name, boolean brickStates, boolean healCounts, boolean rebalance,
            List<String> removing, StepContext context) {
        return describe(name, brickStates, healCounts, rebalance, removing, false, context);
    }

    /**
     * @param progressOnly with rebalance or removing and neither brickStates nor healCounts: that
     *     status alone, without the layout, while it reads; otherwise as without it
     */
    public ActionResult describe(String name, boolean brickStates, boolean healCounts, boolean rebalance,
            List<String> removing, boolean progressOnly, StepContext context) {
        if (progressOnly && !brickStates && !healCounts && (rebalance || !removing.isEmpty())) {
            Optional<ActionResult> progress = progress(name, rebalance, removing, context);
            if (progress.isPresent()) {
                return progress.get();
            }
        }
        ActionResult described = describeLayout(name, brickStates || healCounts, healCounts, context);
        if (!described.getVolume().getExists() || (!rebalance && removing.isEmpty())) {
            return described;
        }
        VolumeState.Builder state = described.getVolume().toBuilder();
        if (!removing.isEmpty()) {
            try {
                cli.removeBricksStatus(name, removing, context.commandTimeout())
                        .ifPresent(status -> state.setRemoval(rebalance(status)));
            } catch (CommandException e) {
                state.setRemovalUnread(e.getMessage());
            }
        }
        if (!rebalance) {
            RebalanceState read = state.getRemoval();
            return described.toBuilder().setVolume(state).setSummary(described.getSummary() + "; migration off "
                    + String.join(" ", removing) + ": " + (!state.getRemovalUnread().isEmpty()
                            ? "unread (" + state.getRemovalUnread() + ")"
                            : read.getStarted() ? read.getStatus() + ", " + read.getFiles() + " files moved, "
                                    + read.getFailures() + " failures" : "none")).build();
        }
        try {
            cli.rebalanceStatus(name, context.commandTimeout()).ifPresent(status -> state.setRebalance(rebalance(status)));
        } catch (CommandException e) {
            state.setRebalanceUnread(e.getMessage());
        }
        RebalanceState read = state.getRebalance();
        return described.toBuilder().setVolume(state)
                .setSummary(described.getSummary() + "; rebalance: " + (!state.getRebalanceUnread().isEmpty()
                        ? "unread (" + state.getRebalanceUnread() + ")"
                        : read.getStarted() ? read.getStatus() + ", " + read.getFiles() + " files moved, "
                                + read.getFailures() + " failures" : "none"))
                .build();
    }

    /**
     * The status alone; empty when it failed or found none, so that the caller reads the layout
     * too and can tell a missing volume, or bricks that already left, from a glusterd that did not
     * answer. A removal's status is read in preference to a rebalance's: one wait asks for one.
     */
    private Optional<ActionResult> progress(String name, boolean rebalance, List<String> removing,
            StepContext context) {
        Optional<RebalanceStatus> status;
        try {
            status = removing.isEmpty() ? cli.rebalanceStatus(name, context.commandTimeout())
                    : cli.removeBricksStatus(name, removing, context.commandTimeout());
        } catch (CommandException e) {
            return Optional.empty();
        }
        if (status.isEmpty()) {
            return Optional.empty();
        }
        RebalanceState read = rebalance(status.get());
        VolumeState.Builder state = VolumeState.newBuilder().setExists(true).setLayoutUnread(true);
        String what;
        if (removing.isEmpty()) {
            state.setRebalance(read);
            what = "rebalance";
        } else {
            state.setRemoval(read);
            what = "migration off " + String.join(" ", removing);
        }
        return Optional.of(result("volume " + name + ": " + what + ": " + read.getStatus() + ", " + read.getFiles()
                + " files moved, " + read.getFailures() + " failures", state.build()));
    }

    private static RebalanceState rebalance(RebalanceStatus status) {
        RebalanceStatus.Node aggregate = status.aggregate();
        RebalanceState.Builder state = RebalanceState.newBuilder()
                .setStarted(true)
                .setTaskId(status.taskId())
                .setStatus(aggregate.status())
                .setFiles(aggregate.files())
                .setSizeBytes(aggregate.sizeBytes())
                .setScanned(aggregate.scanned())
                .setFailures(aggregate.failures())
                .setSkipped(aggregate.skipped())
                .setRuntimeSeconds(aggregate.runtimeSeconds());
        for (RebalanceStatus.Node node : status.nodes()) {
            state.addNodes(RebalanceNode.newBuilder()
                    .setNode(node.node())
                    .setStatus(node.status())
                    .setFiles(node.files())
                    .setSizeBytes(node.sizeBytes())
                    .setScanned(node.scanned())
                    .setFailures(node.failures())
                    .setSkipped(node.skipped())
                    .setRuntimeSeconds(node.runtimeSeconds()));
        }
        return state.build();
    }

    private ActionResult describeLayout(String name, boolean brickStates, boolean healCounts, StepContext context) {
        VolumeState.Builder state = VolumeState.newBuilder();
        try {
            Optional<VolumeInfo> info = cli.volumeInfo(name, context.commandTimeout());
            if (info.isEmpty()) {
                return result("volume " + name + " does not exist", state.build());
            }
            state.setExists(true)
                    .setReplica(info.get().replicaCount())
                    .setArbiterCount(info.get().arbiterCount())
                    .setStatus(info.get().status())
                    .addAllBricks(info.get().bricks());
        } catch (CommandException e) {
            return StepRunner.failed(e);
        }
        if (!brickStates && !healCounts) {
            return result("volume " + name + ": " + state.getBricksCount() + " bricks", state.build());
        }
        try {
            for (BrickStatus brick : cli.volumeStatus(name, context.commandTimeout())) {
                if (brick.online()) {
                    state.addOnlineBricks(brick.brick());
                }
            }
        } catch (CommandException e) {
            state.setHealUnread("not read: volume status failed: " + e.getMessage());
            return result("volume " + name + ": " + state.getBricksCount() + " bricks, brick states unread",
                    state.build());
        }
        List<String> offline = state.getBricksList().stream().filter(brick -> !state.getOnlineBricksList()
                .contains(brick)).toList();
        if (!healCounts) {
            return result("volume " + name + ": " + state.getBricksCount() + " bricks" + (offline.isEmpty() ? ""
                    : ", offline: " + String.join(", ", offline)), state.build());
        }
        if (!offline.isEmpty()) {
            // The heal read would wait on them (10 s and more per unreachable brick) and count nothing there.
            state.setHealUnread("not read: " + String.join(", ", offline) + " offline");
            return result("volume " + name + ": " + state.getBricksCount() + " bricks, offline: "
                    + String.join(", ", offline), state.build());
        }
        try {
            for (BrickHeal heal : cli.healSummary(name, context.commandTimeout())) {
                BrickHealFact.Builder fact = BrickHealFact.newBuilder()
                        .setBrick(heal.brick())
                        .setStatus(heal.status())
                        .setConnected(heal.counted());
                heal.pending().ifPresent(fact::setPending);
                heal.splitBrain().ifPresent(fact::setSplitBrain);
                state.addHeals(fact);
            }
        } catch (CommandException e) {
            state.setHealUnread(e.getMessage());
        }
        long pending = state.getHealsList().stream().mapToLong(BrickHealFact::getPending).sum();
        return result("volume " + name + ": " + state.getBricksCount() + " bricks, " + pending + " entries pending heal"
                + (state.getHealUnread().isEmpty() ? "" : " (heal counts unread: " + state.getHealUnread() + ")"),
                state.build());
    }

    private static ActionResult result(String summary, VolumeState state) {
        return ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED).setSummary(summary).setVolume(state)
                .build();
    }
}
