package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.files.AtomicFileWriter;
import io.brickwork.agent.services.SystemdManager;
import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The systemd drop-in that makes docker.service wait for the Brickwork mounts, so that after a
 * reboot no container starts while its bind source is still the empty local mount point.
 * Idempotency: the file is written (atomically, previous content kept as a backup) only when its
 * content differs, and systemd reloads its units only after a write.
 */
public final class DockerMountOrderStep implements Step {
    /** Also shipped by the packages; the agent keeps it matching the applied spec. */
    public static final Path DROP_IN = Path.of("/etc/systemd/system/docker.service.d/brickwork-mounts.conf");

    private final Path dropIn;
    private final List<Path> mountPoints;
    private final AtomicFileWriter writer;
    private final SystemdManager systemd;
    private final StepContext context;

    public DockerMountOrderStep(Path dropIn, List<Path> mountPoints, AtomicFileWriter writer, SystemdManager systemd,
            StepContext context) {
        this.dropIn = requireNonNull(dropIn, "dropIn is null");
        this.mountPoints = List.copyOf(mountPoints);
        this.writer = requireNonNull(writer, "writer is null");
        this.systemd = requireNonNull(systemd, "systemd is null");
        this.context = requireNonNull(context, "context is null");
    }

    /** The whole drop-in: one RequiresMountsFor= per mount, in spec order. */
    public static String content(List<Path> mountPoints) {
        StringBuilder text = new StringBuilder();
        text.append("# Written by brickwork-agent: docker starts only once the Brickwork (GlusterFS) mounts are\n");
        text.append("# up, so no container writes into an empty local mount point. Changed on every apply.\n");
        text.append("[Unit]\n");
        for (Path mountPoint : mountPoints) {
            text.append("RequiresMountsFor=").append(mountPoint).append('\n');
        }
        text.append("After=remote-fs.target\n");
        return text.toString();
    }

    @Override
    public Check check() throws IOException {
        if (Files.isSymbolicLink(dropIn.getParent()) || Files.isSymbolicLink(dropIn)) {
            return Check.refused(dropIn + " or its directory is a symlink; replace it with a plain file by hand");
        }
        String wanted = content(mountPoints);
        String current = AtomicFileWriter.read(dropIn);
        if (current.equals(wanted)) {
            return Check.inSync(dropIn + " orders docker after " + mountPoints);
        }
        List<String> changes = new ArrayList<>();
        if (!Files.isDirectory(dropIn.getParent(), LinkOption.NOFOLLOW_LINKS)) {
            changes.add("create directory " + dropIn.getParent());
        }
        changes.add((current.isEmpty() ? "write " : "rewrite ") + dropIn + ": RequiresMountsFor=" + mountPoints
                + ", After=remote-fs.target");
        if (systemd.systemdManaged()) {
            changes.add("systemctl daemon-reload");
        }
        return Check.needs(changes);
    }

    @Override
    public void apply() throws CommandException, IOException, InterruptedException {
        Path directory = dropIn.getParent();
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        if (writer.write(dropIn, content(mountPoints)) && systemd.systemdManaged()) {
            systemd.daemonReload(context.commandTimeout());
        }
    }

    @Override
    public Check verify() throws IOException {
        return check();
    }
}
