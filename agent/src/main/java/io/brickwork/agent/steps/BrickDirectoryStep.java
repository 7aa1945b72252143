package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.directories.Directories;
import io.brickwork.agent.directories.UnsafePathException;
import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.GlusterdStore;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.LocalNode;
import io.brickwork.agent.xattr.BrickXattrs;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Idempotency: the directory is only created when missing and never otherwise touched, so a
 * second run only looks (and a directory holding another volume's data is never adopted).
 *
 * <p>A missing directory that the volume already lists as this node's brick is not created:
 * its disk is most likely not mounted, and an empty directory there would later be taken back
 * as the brick (reset-brick) on whatever file system holds it. gluster refuses to start such a
 * brick for the same reason.
 *
 * <p>The path is walked from / on directory handles and a symlink anywhere in it is refused:
 * gluster would follow it, and the agent would create directories wherever it leads.
 */
public final class BrickDirectoryStep implements Step {
    static final int MODE = 0755;

    private final Path directory;
    private final String volume;
    private final Directories directories;
    private final BrickXattrs xattrs;
    private final GlusterCli cli;
    private final GlusterdStore store;
    private final LocalNode localNode;
    private final StepContext context;

    public BrickDirectoryStep(Path directory, String volume, Directories directories, BrickXattrs xattrs,
            GlusterCli cli, GlusterdStore store, LocalNode localNode, StepContext context) {
        this.directory = requireNonNull(directory, "directory is null");
        this.volume = requireNonNull(volume, "volume is null");
        this.directories = requireNonNull(directories, "directories is null");
        this.xattrs = requireNonNull(xattrs, "xattrs is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.store = requireNonNull(store, "store is null");
        this.localNode = requireNonNull(localNode, "localNode is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws CommandException, IOException {
        try {
            // Exists, and no segment is a link.
            directories.open(directory).close();
        } catch (NoSuchFileException e) {
            if (listedHere()) {
                return Check.refused(directory + " is missing, but volume " + volume + " lists it as this node's"
                        + " brick: its disk is probably not mounted, and creating it would put the brick on whatever"
                        + " file system is there; mount the disk and apply again (for a new, empty disk whose brick"
                        + " is a subdirectory, create that directory by hand: Brickwork then takes it back with"
                        + " reset-brick and heals it)");
            }
            return Check.needs("create directory " + directory + " (mode 0755)");
        } catch (UnsafePathException e) {
            return Check.refused(e.getMessage());
        }
        Optional<String> brickOf = xattrs.volumeId(directory, context.commandTimeout());
        if (brickOf.isEmpty()) {
            return Check.inSync(directory + " exists and holds no volume's data");
        }
        // A volume's id never changes, so glusterd's own record of it will do; only a mismatch
        // (or no record) asks glusterd, since refusing is the answer that stops an apply.
        if (store.volumeId(volume).filter(id -> id.equalsIgnoreCase(brickOf.get())).isPresent()) {
            return Check.inSync(directory + " is a brick of volume " + volume);
        }
        Optional<VolumeInfo> info = cli.volumeInfo(volume, context.commandTimeout());
        if (info.isPresent() && info.get().id().equalsIgnoreCase(brickOf.get())) {
            return Check.inSync(directory + " is a brick of volume " + volume);
        }
        return Check.refused(directory + " holds data of another volume (volume-id " + brickOf.get() + "); volume "
                + volume + (info.isPresent() ? " has id " + info.get().id() : " does not exist")
                + "; clean it up by hand or use another directory");
    }

    /** Whether the volume exists and lists this directory as a brick of this node. */
    private boolean listedHere() throws CommandException {
        Optional<VolumeInfo> info = cli.volumeInfo(volume, context.commandTimeout());
        return info.isPresent() && info.get().bricks().stream().anyMatch(brick -> {
            int colon = brick.indexOf(':');
            return colon > 0 && brick.substring(colon + 1).equals(directory.toString())
                    && localNode.isSelf(brick.substring(0, colon));
        });
    }

    /** Like mkdir -p, but each created directory gets 0755 whatever the umask, and no link is followed. */
    @Override
    public void apply() throws IOException, StepFailedException {
        try {
            // Created or found; nothing else is touched.
            directories.openOrCreate(directory, MODE).close();
        } catch (UnsafePathException e) {
            throw new StepFailedException(e.getMessage());
        }
    }

    @Override
    public Check verify() throws IOException {
        try {
            directories.open(directory).close();
            return Check.inSync(directory + " exists");
        } catch (NoSuchFileException e) {
            return Check.needs("create directory " + directory);
        } catch (UnsafePathException e) {
            return Check.refused(e.getMessage());
        }
    }
}
