package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency: add-brick runs only while the volume's bricks are exactly {@code existing}; once
 * they are the layout after it (whole sets: {@code existing} followed by {@code added}; a raised
 * replica count: each set followed by its new brick) a run only reads volume info, and any other
 * layout is refused, since adding to it would build sets nobody planned.
 */
public final class AddBricksStep implements Step {
    private final String volume;
    private final int replica;
    private final int arbiterCount;
    private final List<String> existing;
    private final List<String> added;
    private final boolean force;
    private final boolean raiseReplica;
    private final GlusterCli cli;
    private final StepContext context;

    /** @param existing and {@code added}: "host:path", in volume order */
    public AddBricksStep(String volume, int replica, int arbiterCount, List<String> existing, List<String> added,
            boolean force, GlusterCli cli, StepContext context) {
        this(volume, replica, arbiterCount, existing, added, force, false, cli, context);
    }

    /** @param raiseReplica {@code added} holds one brick per set of {@code existing}, which has replica - 1 */
    public AddBricksStep(String volume, int replica, int arbiterCount, List<String> existing, List<String> added,
            boolean force, boolean raiseReplica, GlusterCli cli, StepContext context) {
        this.volume = requireNonNull(volume, "volume is null");
        this.replica = replica;
        this.arbiterCount = arbiterCount;
        this.existing = List.copyOf(existing);
        this.added = List.copyOf(added);
        this.force = force;
        this.raiseReplica = raiseReplica;
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
        if (bricks.equals(after()) && info.get().replicaCount() == replica) {
            return Check.inSync("volume " + volume + " has the " + added.size() + " added bricks "
                    + String.join(" ", added));
        }
        if (bricks.equals(existing) && info.get().replicaCount() == (raiseReplica ? replica - 1 : replica)) {
            return Check.needs((raiseReplica ? "raise the replica count of " + volume + " to " + replica + " with "
                    : "add " + added.size() / replica + " replica set" + (added.size() / replica == 1 ? "" : "s")
                            + " to volume " + volume + ": ") + String.join(" ", added) + (force ? " (force)" : ""));
        }
        return Check.refused("volume " + volume + " has bricks " + String.join(" ", bricks) + " (replica "
                + info.get().replicaCount() + "), neither the " + existing.size() + " expected before adding nor those"
                + " and " + String.join(" ", added) + "; the layout changed since it was read");
    }

    /** The volume's bricks once added: each set followed by its new brick when the replica count rises. */
    private List<String> after() {
        List<String> after = new ArrayList<>();
        if (!raiseReplica) {
            after.addAll(existing);
            after.addAll(added);
            return after;
        }
        int before = replica - 1;
        for (int set = 0; set < added.size(); set++) {
            after.addAll(existing.subList(Math.min(existing.size(), set * before),
                    Math.min(existing.size(), (set + 1) * before)));
            after.add(added.get(set));
        }
        return after;
    }

    /**
     * The new bricks' nodes have usually just been probed, and glusterd refuses the add until every
     * peer sees them connected ({@link PeersStillConnecting}): such a refusal is tried again, after a
     * fresh read that the bricks are still not added, until the step's deadline. A timed-out
     * add-brick may have committed: the runner reads the volume again (verify) before failing.
     */
    @Override
    public void apply() throws CommandException, IOException, InterruptedException {
        PeersStillConnecting.apply(context, () -> check() instanceof Check.InSync,
                () -> cli.addBricks(volume, replica, arbiterCount, added, force, context.commandTimeout()));
    }

    /** glusterd commits the new layout on every peer before it answers: one read tells. */
    @Override
    public Check verify() throws CommandException {
        return check();
    }
}
