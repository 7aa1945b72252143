package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.GlusterdStore;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.xattr.BrickXattrs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency: the directory is only created when missing and never otherwise touched, so a
 * second run only looks (and a directory holding another volume's data is never adopted).
 */
public final class BrickDirectoryStep implements Step {
    private final Path directory;
    private final String volume;
    private final BrickXattrs xattrs;
    private final GlusterCli cli;
    private final GlusterdStore store;
    private final StepContext context;

    public BrickDirectoryStep(Path directory, String volume, BrickXattrs xattrs, GlusterCli cli, GlusterdStore store,
            StepContext context) {
        this.directory = requireNonNull(directory, "directory is null");
        this.volume = requireNonNull(volume, "volume is null");
        this.xattrs = requireNonNull(xattrs, "xattrs is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.store = requireNonNull(store, "store is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws CommandException, IOException {
        if (!Files.exists(directory)) {
            return Check.needs("create directory " + directory + " (mode 0755)");
        }
        if (!Files.isDirectory(directory)) {
            return Check.refused(directory + " exists and is not a directory");
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

    /** Like mkdir -p, but each created directory gets 0755 whatever the umask. */
    @Override
    public void apply() throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path path = directory; path != null && !Files.exists(path); path = path.getParent()) {
            missing.add(0, path);
        }
        for (Path path : missing) {
            Files.createDirectory(path);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Override
    public Check verify() {
        return Files.isDirectory(directory) ? Check.inSync(directory + " exists")
                : Check.needs("create directory " + directory);
    }
}
