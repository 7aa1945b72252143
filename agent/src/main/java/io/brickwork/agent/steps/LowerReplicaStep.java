package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.BrickHeal;
import io.brickwork.agent.gluster.BrickStatus;
import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.system.CommandException;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency: the bricks leave only while the volume has all of them at replica {@code replica
 * + 1}; once they are gone at replica {@code replica} a run only reads volume info. The removal
 * needs {@code force} and drops a copy of every file, so it runs only when the state read in the
 * same check shows every brick online with nothing pending heal or in split-brain: then each set
 * keeps complete copies.
 */
public final class LowerReplicaStep implements Step {
    private final String volume;
    private final int replica;
    private final List<String> bricks;
    private final GlusterCli cli;
    private final StepContext context;

    public LowerReplicaStep(String volume, int replica, List<String> bricks, GlusterCli cli, StepContext context) {
        this.volume = requireNonNull(volume, "volume is null");
        this.replica = replica;
        this.bricks = List.copyOf(bricks);
        this.cli = requireNonNull(cli, "cli is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws CommandException {
        Optional<VolumeInfo> info = cli.volumeInfo(volume, context.commandTimeout());
        if (info.isEmpty()) {
            return Check.refused("volume " + volume + " does not exist");
        }
        List<String> present = bricks.stream().filter(info.get().bricks()::contains).toList();
        if (present.isEmpty() && info.get().replicaCount() == replica) {
            return Check.inSync("volume " + volume + " has replica " + replica + " without " + String.join(" ", bricks));
        }
        if (present.size() != bricks.size() || info.get().replicaCount() != replica + 1) {
            return Check.refused("volume " + volume + " has replica " + info.get().replicaCount() + " and bricks "
                    + String.join(" ", info.get().bricks()) + "; lowering it to " + replica + " without "
                    + String.join(" ", bricks) + " is not this change");
        }
        List<String> online = cli.volumeStatus(volume, context.commandTimeout()).stream()
                .filter(BrickStatus::online).map(BrickStatus::brick).toList();
        List<String> offline = info.get().bricks().stream().filter(brick -> !online.contains(brick)).toList();
        if (!offline.isEmpty()) {
            return Check.refused("not removed: " + String.join(", ", offline) + " offline; every copy must be"
                    + " known in sync first");
        }
        List<BrickHeal> heals = cli.healSummary(volume, context.commandTimeout());
        for (String brick : info.get().bricks()) {
            Optional<BrickHeal> heal = heals.stream().filter(candidate -> candidate.brick().equals(brick)).findFirst();
            if (heal.isEmpty() || !heal.get().counted()) {
                return Check.refused("not removed: the heal count of " + brick + " could not be read");
            }
            long pending = heal.get().pending().orElse(0L);
            long splitBrain = heal.get().splitBrain().orElse(0L);
            if (pending > 0 || splitBrain > 0) {
                return Check.refused("not removed: " + brick + " has " + pending + " entries pending heal and "
                        + splitBrain + " in split-brain; the copies must be in sync first");
            }
        }
        return Check.needs("lower the replica count of " + volume + " to " + replica + ": remove "
                + String.join(" ", bricks) + " (force; every brick online, 0 entries pending heal)");
    }

    @Override
    public void apply() throws CommandException {
        cli.lowerReplica(volume, replica, bricks, context.commandTimeout());
    }

    @Override
    public Check verify() throws CommandException {
        Optional<VolumeInfo> info = cli.volumeInfo(volume, context.commandTimeout());
        if (info.isPresent() && info.get().replicaCount() == replica
                && bricks.stream().noneMatch(info.get().bricks()::contains)) {
            return Check.inSync("volume " + volume + " has replica " + replica + " without " + String.join(" ", bricks));
        }
        return Check.needs("volume " + volume + " still has replica "
                + info.map(VolumeInfo::replicaCount).map(String::valueOf).orElse("?") + " after the removal");
    }
}
