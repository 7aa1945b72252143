package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.directories.Directories;
import io.brickwork.agent.directories.UnsafePathException;
import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.xattr.BrickXattrs;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Takes a brick of this node back into its volume on an empty directory: a new disk mounted
 * where the old one was, or a rebuilt node's. Runs on the brick's own node, so that what it
 * reads about the directory is this machine's, fresh, right before the change.
 *
 * <p>Idempotency: once glusterd has taken the directory back it carries the volume's id, and a
 * run only reads. Safety: only an empty directory without any volume's id is taken back (a
 * directory with data but no id is not something gluster wrote, and is refused rather than
 * adopted); the copies it will hold come from the other bricks of its set through the
 * self-heal daemon, which the coordinator waits for.
 */
public final class ResetBrickStep implements Step {
    /** Made by mkfs on ext4 at the root of a new file system, which may be the brick directory. */
    static final String LOST_AND_FOUND = "lost+found";
    static final int COMMIT_ATTEMPTS = 3;
    static final Duration COMMIT_RETRY_PAUSE = Duration.ofSeconds(3);

    private final String volume;
    private final String brick;
    private final Path directory;
    private final Directories directories;
    private final BrickXattrs xattrs;
    private final GlusterCli cli;
    private final StepContext context;

    /** @param brick {@code host:path} as the volume lists it; its path is {@code directory} on this node */
    public ResetBrickStep(String volume, String brick, Path directory, Directories directories, BrickXattrs xattrs,
            GlusterCli cli, StepContext context) {
        this.volume = requireNonNull(volume, "volume is null");
        this.brick = requireNonNull(brick, "brick is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.directories = requireNonNull(directories, "directories is null");
        this.xattrs = requireNonNull(xattrs, "xattrs is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws CommandException, IOException {
        Optional<VolumeInfo> info = cli.volumeInfo(volume, context.commandTimeout());
        if (info.isEmpty()) {
            return Check.refused("volume " + volume + " is not known to glusterd on this node");
        }
        if (!info.get().bricks().contains(brick)) {
            return Check.refused(brick + " is not a brick of volume " + volume + " ("
                    + String.join(" ", info.get().bricks()) + ")");
        }
        List<String> names;
        try (Directories.Handle handle = directories.open(directory)) {
            names = handle.list();
        } catch (NoSuchFileException e) {
            return Check.refused(directory + " does not exist; the brick directory is created before the reset,"
                    + " by the prepare step of an apply");
        } catch (UnsafePathException e) {
            return Check.refused(e.getMessage());
        }
        Optional<String> brickOf = xattrs.volumeId(directory, context.commandTimeout());
        if (brickOf.isPresent()) {
            if (brickOf.get().equalsIgnoreCase(info.get().id())) {
                return Check.inSync(directory + " is a brick of volume " + volume + " (it carries the volume's id)");
            }
            return Check.refused(directory + " carries the id of another volume (" + brickOf.get() + "; " + volume
                    + " has " + info.get().id() + "); clean it up by hand or use another directory");
        }
        List<String> contents = names.stream().filter(name -> !name.equals(LOST_AND_FOUND)).toList();
        if (!contents.isEmpty()) {
            return Check.refused(directory + " holds data (" + String.join(", ", contents.subList(0,
                    Math.min(3, contents.size()))) + (contents.size() > 3 ? ", ..." : "") + ") but no volume's id: it is not a brick gluster wrote, and taking it back"
                    + " would mix it into the volume; empty it, or mount the new disk there, and apply again");
        }
        return Check.needs("reset-brick " + brick + " of volume " + volume + " onto the empty directory (start,"
                + " then commit force); the self-heal daemon then fills it from the other bricks of its set");
    }

    /**
     * Both halves are safe to repeat: start answers success when the brick is stopped already.
     * A commit glusterd reports failed is read back, and tried again while the directory is still
     * empty and without an id: on a node whose glusterd has just started, the commit can fail in
     * its last part (restarting the self-heal daemon) and succeed a few seconds later.
     */
    @Override
    public void apply() throws CommandException, IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                cli.resetBrickStart(volume, brick, context.commandTimeout());
                cli.resetBrickCommit(volume, brick, context.commandTimeout());
                return;
            } catch (CommandException e) {
                Check now = check();
                if (now instanceof Check.InSync) {
                    return;
                }
                if (!(now instanceof Check.NeedsChange) || attempt == COMMIT_ATTEMPTS) {
                    throw e;
                }
                context.ticker().sleep(COMMIT_RETRY_PAUSE);
            }
        }
    }

    /** glusterd sets the volume id on the directory before it answers the commit. */
    @Override
    public Check verify() throws CommandException, IOException {
        return check();
    }
}
