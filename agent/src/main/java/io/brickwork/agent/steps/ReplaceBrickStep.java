package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.util.Optional;

/**
 * Idempotency: replace-brick runs only while the volume lists the old brick and not the new
 * one, so once the volume lists the new brick in the old one's place a run only reads volume info.
 *
 * <p>The data is not copied here: the self-heal daemon fills the new brick afterwards, and the
 * coordinator waits for that as part of its operation.
 */
public final class ReplaceBrickStep implements Step {
    private final String volume;
    private final String oldBrick;
    private final String newBrick;
    private final GlusterCli cli;
    private final StepContext context;

    public ReplaceBrickStep(String volume, String oldBrick, String newBrick, GlusterCli cli, StepContext context) {
        this.volume = requireNonNull(volume, "volume is null");
        this.oldBrick = requireNonNull(oldBrick, "oldBrick is null");
        this.newBrick = requireNonNull(newBrick, "newBrick is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws CommandException {
        Optional<VolumeInfo> info = cli.volumeInfo(volume, context.commandTimeout());
        if (info.isEmpty()) {
            return Check.refused("volume " + volume + " does not exist");
        }
        boolean hasOld = info.get().bricks().contains(oldBrick);
        boolean hasNew = info.get().bricks().contains(newBrick);
        if (!hasOld && hasNew) {
            return Check.inSync("volume " + volume + " lists " + newBrick + " in place of " + oldBrick);
        }
        if (hasOld && !hasNew) {
            return Check.needs("replace " + oldBrick + " with " + newBrick + " in volume " + volume
                    + " (commit force; the self-heal daemon then fills " + newBrick + ")");
        }
        return Check.refused("volume " + volume + " lists " + (hasOld ? "both " : "neither ") + oldBrick + " and "
                + newBrick + " (" + String.join(" ", info.get().bricks()) + "); the replacement is not this one");
    }

    /**
     * The new brick's node has usually just been probed, and glusterd refuses the replace until
     * every peer sees it connected ({@link PeersStillConnecting}): such a refusal is tried again,
     * after a fresh read that the volume still lists the old brick, until the step's deadline. A
     * timed-out replace may have committed: the runner reads the volume again (verify) before failing.
     */
    @Override
    public void apply() throws CommandException, IOException, InterruptedException {
        PeersStillConnecting.apply(context, () -> check() instanceof Check.InSync,
                () -> cli.replaceBrick(volume, oldBrick, newBrick, context.commandTimeout()));
    }

    /** glusterd commits the new layout on every peer before it answers: one read tells. */
    @Override
    public Check verify() throws CommandException {
        return check();
    }
}
