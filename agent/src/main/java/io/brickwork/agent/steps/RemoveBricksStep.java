package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.RebalanceStatus;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.system.CommandException;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency: bricks that have left the volume are in sync for both phases. START starts a
 * migration only while the volume has all of them and none runs or has completed for them.
 * COMMIT commits only while the volume has all of them and their migration reports completed
 * without failures, read in the same check that precedes the change: a commit before the
 * migration has finished loses the files still on those bricks.
 */
public final class RemoveBricksStep implements Step {
    static final String IN_PROGRESS = "in progress";
    static final String COMPLETED = "completed";

    /** Gluster's two steps of a remove-brick. */
    public enum Phase { START, COMMIT }

    private final String volume;
    private final List<String> bricks;
    private final Phase phase;
    private final GlusterCli cli;
    private final StepContext context;

    public RemoveBricksStep(String volume, List<String> bricks, Phase phase, GlusterCli cli, StepContext context) {
        this.volume = requireNonNull(volume, "volume is null");
        this.bricks = List.copyOf(bricks);
        this.phase = requireNonNull(phase, "phase is null");
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
        if (present.isEmpty()) {
            return Check.inSync(String.join(" ", bricks) + " are no longer bricks of " + volume);
        }
        if (present.size() != bricks.size()) {
            return Check.refused("volume " + volume + " has only some of " + String.join(" ", bricks) + " ("
                    + String.join(" ", present) + "); the removal is not this one");
        }
        Optional<RebalanceStatus> migration = cli.removeBricksStatus(volume, bricks, context.commandTimeout());
        String status = migration.map(RebalanceStatus::status).orElse("not started");
        if (phase == Phase.START) {
            if (status.contains(IN_PROGRESS) || status.equals(COMPLETED)) {
                return Check.inSync("files are migrating off " + String.join(" ", bricks) + " (" + status + ")");
            }
            return Check.needs("start migrating the files of " + volume + " off " + String.join(" ", bricks));
        }
        if (status.equals(COMPLETED) && migration.get().aggregate().failures() == 0) {
            return Check.needs("commit the removal of " + String.join(" ", bricks) + " from " + volume + " (every file"
                    + " migrated: " + migration.get().aggregate().files() + " moved, 0 failures)");
        }
        return Check.refused("the migration off " + String.join(" ", bricks) + " is " + status
                + migration.map(last -> ", " + last.aggregate().failures() + " failures").orElse("")
                + "; committing now would lose the files still on them");
    }

    @Override
    public void apply() throws CommandException {
        if (phase == Phase.START) {
            cli.startRemoveBricks(volume, bricks, context.commandTimeout());
        } else {
            cli.commitRemoveBricks(volume, bricks, context.commandTimeout());
        }
    }

    /** START: a small migration may have completed by the time it is read; COMMIT: the bricks are gone. */
    @Override
    public Check verify() throws CommandException {
        return check();
    }
}
