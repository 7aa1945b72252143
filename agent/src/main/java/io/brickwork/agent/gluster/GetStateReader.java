package io.brickwork.agent.gluster;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.CommandResult;
import io.brickwork.agent.system.CommandRunner;
import io.brickwork.common.validation.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The peer table and this node's bricks in one {@code gluster get-state}, which asks the local
 * glusterd alone. One gluster command instead of two each report: every command costs tens of
 * milliseconds of CPU, most of it the CLI starting. And not {@code volume status}, which gives
 * the bricks through a cluster-wide transaction that takes every peer's lock: with every agent
 * asking every report interval, those transactions collide with each other and with operators'
 * own commands ("Another transaction is in progress"), and while one peer is cut off they hang
 * on every node.
 *
 * <p>glusterd writes the dump to a file, here in a directory of the agent's own (0700), which
 * is read and removed; one dump at a time. A brick's pid comes from the pid file glusterd keeps
 * for it; a pid that cannot be read is -1, as in {@code volume status}.
 */
public final class GetStateReader implements LocalGlusterd {
    /** The dump's directory on a node: tmpfs, root's, gone at reboot. */
    public static final Path DUMP_DIR = Path.of("/run/brickwork-agent");
    /** glusterd's run directory, where it keeps the bricks' pid files. */
    public static final Path GLUSTER_RUN_DIR = Path.of("/run/gluster");
    static final String DUMP_FILE = "glusterd-state";
    /** What the CLI prints when glusterd does not answer on its socket. */
    private static final String NOT_RUNNING = "Connection failed";
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    /** Far above a real dump (a few KiB per volume), far below what would strain the agent. */
    static final long MAX_DUMP_BYTES = 16L << 20;
    /** A pid file holds a number and a newline; anything longer is not one. */
    private static final int MAX_PID_FILE_BYTES = 32;

    private final CommandRunner runner;
    private final Path dumpDir;
    private final Path glusterRunDir;

    public GetStateReader(CommandRunner runner, Path dumpDir, Path glusterRunDir) {
        this.runner = requireNonNull(runner, "runner is null");
        this.dumpDir = requireNonNull(dumpDir, "dumpDir is null");
        this.glusterRunDir = requireNonNull(glusterRunDir, "glusterRunDir is null");
    }

    /** The argv that dumps glusterd's state into {@code dumpDir}. */
    public static List<String> argv(Path dumpDir) {
        return List.of("gluster", "--mode=script", "get-state", "glusterd", "odir", dumpDir.toString(), "file",
                DUMP_FILE);
    }

    /**
     * @throws CommandFailedException glusterd did not answer ("Connection failed")
     * @throws GlusterCommandException glusterd answered that it could not write the dump
     * @throws GlusterOutputException the dump is missing, too large, or not what glusterd writes
     * @throws IOException the agent's own side failed (its dump directory): says nothing of glusterd
     */
    @Override
    public synchronized State state(Duration timeout) throws CommandException, IOException {
        Path dump = prepare();
        CommandResult result = runner.run(argv(dumpDir), timeout);
        if (!result.ok()) {
            // The CLI says "Connection failed" on stdout; anything on stderr beside it changes nothing.
            if ((result.stdout() + result.stderr()).contains(NOT_RUNNING)
                    || (result.stdout() + result.stderr()).isBlank()) {
                throw new CommandFailedException(result);
            }
            String said = (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip();
            throw new GlusterCommandException(result, -1, 0, said.lines().findFirst().orElseThrow());
        }
        String text;
        try {
            if (Files.size(dump) > MAX_DUMP_BYTES) {
                throw new GlusterOutputException("the dump is over " + MAX_DUMP_BYTES + " bytes", result);
            }
            // Option values and descriptions are printed as they were set: bytes that are not
            // UTF-8 become U+FFFD rather than failing the read of every node at once.
            text = new String(Files.readAllBytes(dump), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new GlusterOutputException("glusterd wrote no dump to " + dump, result);
        } finally {
            Files.deleteIfExists(dump);
        }
        State state;
        try {
            state = GlusterStateDump.read(text);
        } catch (GlusterXml.MalformedException e) {
            throw new GlusterOutputException(e.getMessage(), result);
        }
        List<BrickStatus> withPids = new ArrayList<>(state.bricks().size());
        for (BrickStatus brick : state.bricks()) {
            withPids.add(brick.online() ? new BrickStatus(brick.volume(), brick.host(), brick.path(), true,
                    brick.port(), pid(brick)) : brick);
        }
        return new State(state.peers(), withPids);
    }

    /**
     * The dump directory is a directory, not a link, owned by the agent's user and open to it
     * alone (root runs glusterd, which follows whatever it finds at the dump's name: nobody else
     * may place anything there). No earlier dump is left in it, so a dump glusterd failed to
     * write is never mistaken for a fresh one.
     */
    private Path prepare() throws IOException {
        if (!Files.exists(dumpDir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dumpDir, PosixFilePermissions.asFileAttribute(PRIVATE));
        }
        PosixFileAttributes attributes = Files.readAttributes(dumpDir, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory()) {
            throw new IOException(dumpDir + " is not a directory (a link or a file is not used)");
        }
        String user = System.getProperty("user.name");
        if (!attributes.owner().getName().equals(user)) {
            throw new IOException(dumpDir + " belongs to " + attributes.owner().getName() + ", not to " + user);
        }
        if (!attributes.permissions().equals(PRIVATE)) {
            Files.setPosixFilePermissions(dumpDir, PRIVATE);
        }
        Path dump = dumpDir.resolve(DUMP_FILE);
        Files.deleteIfExists(dump);
        return dump;
    }

    /**
     * From {@code GLUSTER_RUN_DIR/vols/VOLUME/HOST-PATH.pid}, the path without its leading slash
     * and with its slashes as dashes (glusterd's GLUSTERD_GET_BRICK_PIDFILE), so the path stays
     * in one file name. A volume or host name that could leave that directory is not looked up.
     */
    private int pid(BrickStatus brick) {
        if (Validation.nameProblem(brick.volume()).isPresent() || Validation.hostnameProblem(brick.host()).isPresent()) {
            return -1;
        }
        Path file = glusterRunDir.resolve("vols").resolve(brick.volume())
                .resolve(brick.host() + "-" + brick.path().substring(1).replace('/', '-') + ".pid");
        try {
            if (Files.size(file) > MAX_PID_FILE_BYTES) {
                return -1;
            }
            int pid = Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).strip());
            return pid > 0 ? pid : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
