package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.files.AtomicFileWriter;
import io.brickwork.agent.fstab.Fstab;
import io.brickwork.agent.fstab.FstabEdit;
import io.brickwork.agent.mount.MountEntry;
import io.brickwork.agent.mount.MountTable;
import io.brickwork.agent.mount.MountUser;
import io.brickwork.agent.mount.MountUsers;
import io.brickwork.agent.mount.Unmounter;
import io.brickwork.agent.services.SystemdManager;
import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node leaving the cluster lets go of its Brickwork mounts: each unmounted, its /etc/fstab line
 * removed and its line in the Docker drop-in too. Idempotency: a mount is unmounted only while
 * the kernel shows the volume's glusterfs mount there, and the files are written only when they
 * still hold one of these lines, so a second run only reads.
 *
 * <p>A mount that a process uses is never pulled from under it unasked: refused, naming the
 * processes, and read again right before the unmount. With force it is detached lazily
 * ({@code umount -l}): the processes keep what they hold, and the kernel ends the mount when they
 * let go.
 *
 * <p>A mount no process holds can still be busy for a moment: a stat or statfs in flight holds it
 * while it waits for the FUSE client (this agent's own mount probe every report, a df, a shell's
 * prompt). Such an unmount is tried again, the users read anew each time, for about 13 s (less
 * when the request's deadline comes first).
 */
public final class ReleaseMountsStep implements Step {
    /** What leaves: the volume's source and where it is mounted. */
    public record Released(String source, Path mountPoint) {
        public Released {
            requireNonNull(source, "source is null");
            requireNonNull(mountPoint, "mountPoint is null");
        }
    }

    private static final String REQUIRES = "RequiresMountsFor=";
    /** umount(8)'s words for EBUSY. */
    private static final String BUSY = "target is busy";
    private static final int BUSY_TRIES = 8;
    private static final Duration FIRST_BUSY_PAUSE = Duration.ofMillis(100);

    private final List<Released> mounts;
    private final boolean force;
    private final Path fstabFile;
    private final Path dropIn;
    private final MountTable mountTable;
    private final MountUsers users;
    private final Unmounter unmounter;
    private final AtomicFileWriter writer;
    private final SystemdManager systemd;
    private final StepContext context;

    public ReleaseMountsStep(List<Released> mounts, boolean force, Path fstabFile, Path dropIn, MountTable mountTable,
            MountUsers users, Unmounter unmounter, AtomicFileWriter writer, SystemdManager systemd,
            StepContext context) {
        this.mounts = List.copyOf(mounts);
        this.force = force;
        this.fstabFile = requireNonNull(fstabFile, "fstabFile is null");
        this.dropIn = requireNonNull(dropIn, "dropIn is null");
        this.mountTable = requireNonNull(mountTable, "mountTable is null");
        this.users = requireNonNull(users, "users is null");
        this.unmounter = requireNonNull(unmounter, "unmounter is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.systemd = requireNonNull(systemd, "systemd is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws IOException {
        if (Files.isSymbolicLink(dropIn.getParent()) || Files.isSymbolicLink(dropIn)) {
            return Check.refused(dropIn + " or its directory is a symlink; replace it with a plain file by hand");
        }
        List<String> changes = new ArrayList<>();
        for (Released mount : mounts) {
            if (mounted(mount)) {
                List<MountUser> using = users.of(mount.mountPoint());
                if (!using.isEmpty() && !force) {
                    return Check.refused(inUse(mount, using));
                }
                changes.add(using.isEmpty() ? "unmount " + mount.mountPoint()
                        : "detach " + mount.mountPoint() + " (umount -l) although it is in use by " + names(using));
            }
        }
        String fstab = AtomicFileWriter.read(fstabFile);
        for (Released mount : mounts) {
            FstabEdit edit = new Fstab().remove(fstab, mount.source(), mount.mountPoint().toString());
            changes.addAll(edit.changes().stream().map(change -> fstabFile + ": " + change).toList());
            fstab = edit.content();
        }
        List<Path> ordered = dropInMounts();
        for (Released mount : mounts) {
            if (ordered.contains(mount.mountPoint())) {
                changes.add(dropIn + ": remove " + REQUIRES + mount.mountPoint());
            }
        }
        if (changes.isEmpty()) {
            return Check.inSync(String.join(", ", mounts.stream().map(mount -> mount.mountPoint().toString()).toList())
                    + ": not mounted, not in " + fstabFile + " nor in the Docker drop-in");
        }
        return Check.needs(changes);
    }

    @Override
    public void apply() throws CommandException, IOException, StepFailedException, InterruptedException {
        for (Released mount : mounts) {
            if (mounted(mount)) {
                unmount(mount);
            }
        }
        String fstab = AtomicFileWriter.read(fstabFile);
        String edited = fstab;
        for (Released mount : mounts) {
            edited = new Fstab().remove(edited, mount.source(), mount.mountPoint().toString()).content();
        }
        if (!edited.equals(fstab)) {
            writer.write(fstabFile, edited);
        }
        List<Path> ordered = dropInMounts();
        List<Path> kept = ordered.stream()
                .filter(mountPoint -> mounts.stream().noneMatch(mount -> mount.mountPoint().equals(mountPoint)))
                .toList();
        if (!kept.equals(ordered) && writer.write(dropIn, DockerMountOrderStep.content(kept))
                && systemd.systemdManaged()) {
            systemd.daemonReload(context.commandTimeout());
        }
    }

    private void unmount(Released mount)
            throws CommandException, IOException, StepFailedException, InterruptedException {
        Duration pause = FIRST_BUSY_PAUSE;
        for (int tried = 1; ; tried++) {
            // Read again right before: a process may have started using it since the check.
            List<MountUser> using = users.of(mount.mountPoint());
            if (!using.isEmpty() && !force) {
                throw new StepFailedException(inUse(mount, using));
            }
            try {
                unmounter.unmount(mount.mountPoint(), !using.isEmpty(), context.commandTimeout());
                return;
            } catch (CommandFailedException e) {
                // Not past the request's deadline either: the coordinator would stop waiting first.
                if (!e.stderr().contains(BUSY) || tried == BUSY_TRIES
                        || context.commandTimeout().compareTo(pause) <= 0) {
                    throw e;
                }
            }
            context.ticker().sleep(pause);
            pause = pause.multipliedBy(2);
        }
    }

    @Override
    public Check verify() throws IOException {
        return check();
    }

    private boolean mounted(Released mount) throws IOException {
        Optional<MountEntry> entry = mountTable.at(mount.mountPoint());
        return entry.isPresent() && entry.get().isGlusterfs() && entry.get().source().equals(mount.source());
    }

    /** The mount points the drop-in orders docker after, in its order. */
    private List<Path> dropInMounts() throws IOException {
        List<Path> mountPoints = new ArrayList<>();
        for (String line : AtomicFileWriter.read(dropIn).split("\n")) {
            if (line.startsWith(REQUIRES)) {
                mountPoints.add(Path.of(line.substring(REQUIRES.length()).strip()));
            }
        }
        return mountPoints;
    }

    private static String inUse(Released mount, List<MountUser> using) {
        return mount.mountPoint() + " is in use by " + names(using) + "; stop them, or apply with --force-unmount to"
                + " detach it while they hold it";
    }

    private static String names(List<MountUser> using) {
        return String.join(", ", using.stream().map(MountUser::toString).toList());
    }
}
