package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.system.CommandException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency: add-brick runs only while the volume's bricks are exactly {@code existing}; once
 * they are {@code existing} followed by {@code added} a run only reads volume info, and any other
 * layout is refused, since adding to it would build sets nobody planned.
 */
public final class AddBricksStep implements Step {
    private final String volume;
    private final int replica;
    private final int arbiterCount;
    private final List<String> existing;
    private final List<String> added;
    private final boolean force;
    private final GlusterCli cli;
    private final StepContext context;

    /** @param existing and {@code added}: "host:path", in volume order */
    public AddBricksStep(String volume, int replica, int arbiterCount, List<String> existing, List<String> added,
            boolean force, GlusterCli cli, StepContext context) {
        this.volume = requireNonNull(volume, "volume is null");
        this.replica = replica;
        this.arbiterCount = arbiterCount;
        this.existing = List.copyOf(existing);
        this.added = List.copyOf(added);
        this.force = force;
        this.cli = requireNonNull(cli, "cli is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws CommandException {
        Optional<VolumeInfo> info = cli.volumeInfo(volume, context.commandTimeout());
        if (info.isEmpty()) {
            return Check.refused("volume " + volume + " does not exist");
        }
        List<String> bricks = info.get().bricks();
        List<String> wanted = new ArrayList<>(existing);
        wanted.addAll(added);
        if (bricks.equals(wanted) && info.get().replicaCount() == replica) {
            return Check.inSync("volume " + volume + " has the " + added.size() + " added bricks "
                    + String.join(" ", added));
        }
        if (bricks.equals(existing) && info.get().replicaCount() == replica) {
            return Check.needs("add " + added.size() / replica + " replica set" + (added.size() / replica == 1 ? "" : "s")
                    + " to volume " + volume + ": " + String.join(" ", added) + (force ? " (force)" : ""));
        }
        return Check.refused("volume " + volume + " has bricks " + String.join(" ", bricks) + " (replica "
                + info.get().replicaCount() + "), neither the " + existing.size() + " expected before adding nor those"
                + " and " + String.join(" ", added) + "; the layout changed since it was read");
    }

    /** A timed-out add-brick may have committed: the runner reads the volume again (verify) before failing. */
    @Override
    public void apply() throws CommandException {
        cli.addBricks(volume, replica, arbiterCount, added, force, context.commandTimeout());
    }

    /** glusterd commits the new layout on every peer before it answers: one read tells. */
    @Override
    public Check verify() throws CommandException {
        return check();
    }
}
