package io.brickwork.agent.gluster;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.CommandInterruptedException;
import io.brickwork.agent.system.CommandResult;
import io.brickwork.agent.system.CommandRunner;
import io.brickwork.agent.system.CommandTimeoutException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * {@link GlusterCli} over {@code gluster --mode=script --xml}. Script mode never prompts;
 * XML is used for writes too, because it carries opRet/opErrno/opErrstr (and the exit code
 * alone is 0 for most failures in XML mode).
 */
public final class CliGlusterCli implements GlusterCli {
    /** glusterd's EG_NOVOL: "Volume does not exist". */
    static final int EG_NOVOL = 30806;
    /** glusterd's GF_PROBE_LOCALHOST and GF_PROBE_FRIEND, reported with opRet 0. */
    static final int PROBE_LOCALHOST = 1;
    static final int PROBE_FRIEND = 2;

    /** Pauses between tries while another transaction holds glusterd's lock: 100 ms, doubling to 1 s. */
    static final Duration FIRST_LOCK_RETRY = Duration.ofMillis(100);
    static final Duration LAST_LOCK_RETRY = Duration.ofSeconds(1);

    /** glusterd's words for a volume without a rebalance to report (glusterd-rebalance.c). */
    static final String REBALANCE_NOT_STARTED = "Rebalance not started";
    /** ... and for a volume without a remove-brick task: "remove-brick not started for volume V." */
    static final String REMOVE_BRICK_NOT_STARTED = "remove-brick not started";

    private final CommandRunner runner;

    @Inject
    public CliGlusterCli(CommandRunner runner) {
        this.runner = requireNonNull(runner, "runner is null");
    }

    @Override
    public List<Peer> peerStatus(Duration timeout) throws CommandException {
        CommandResult result = run(timeout, "peer", "status");
        return parse(result, GlusterXml::peers);
    }

    @Override
    public Optional<VolumeInfo> volumeInfo(String name, Duration timeout) throws CommandException {
        CommandResult result = runner.run(argv("volume", "info", name), timeout);
        GlusterXml.Envelope envelope = envelope(result);
        if (!envelope.ok() && envelope.opErrno() == EG_NOVOL) {
            return Optional.empty();
        }
        List<VolumeInfo> volumes = parse(result, GlusterXml::volumes);
        return volumes.stream().filter(volume -> volume.name().equals(name)).findFirst();
    }

    @Override
    public List<VolumeInfo> volumes(Duration timeout) throws CommandException {
        return parse(run(timeout, "volume", "info"), GlusterXml::volumes);
    }

    @Override
    public List<BrickStatus> volumeStatus(String volume, Duration timeout) throws CommandException {
        return parse(run(timeout, "volume", "status", volume), GlusterXml::brickStatuses);
    }

    @Override
    public List<BrickHeal> healSummary(String volume, Duration timeout) throws CommandException {
        return parse(run(timeout, "volume", "heal", volume, "info", "summary"), GlusterXml::heals);
    }

    @Override
    public ProbeResult probe(String host, Duration timeout) throws CommandException {
        GlusterXml.Envelope envelope = checked(runChange(timeout, "peer", "probe", host));
        return switch (envelope.opErrno()) {
            case PROBE_LOCALHOST -> ProbeResult.LOCALHOST;
            case PROBE_FRIEND -> ProbeResult.ALREADY_PEER;
            default -> ProbeResult.PROBED;
        };
    }

    @Override
    public void createVolume(String name, int replica, int arbiterCount, List<String> bricks, boolean force,
            Duration timeout) throws CommandException {
        List<String> args = new ArrayList<>(List.of("volume", "create", name));
        if (replica > 1) {
            args.addAll(List.of("replica", Integer.toString(replica)));
        }
        if (arbiterCount > 0) {
            args.addAll(List.of("arbiter", Integer.toString(arbiterCount)));
        }
        args.addAll(bricks);
        if (force) {
            args.add("force");
        }
        checked(runChange(timeout, args.toArray(String[]::new)));
    }

    @Override
    public void startVolume(String name, Duration timeout) throws CommandException {
        checked(runChange(timeout, "volume", "start", name));
    }

    @Override
    public void stopVolume(String name, Duration timeout) throws CommandException {
        checked(runChange(timeout, "volume", "stop", name));
    }

    @Override
    public String volumeOption(String volume, String key, Duration timeout) throws CommandException {
        return parse(run(timeout, "volume", "get", volume, key), root -> GlusterXml.volumeOption(root, key));
    }

    @Override
    public void setVolumeOption(String volume, String key, String value, Duration timeout)
            throws CommandException {
        checked(runChange(timeout, "volume", "set", volume, key, value));
    }

    @Override
    public void enableQuota(String volume, Duration timeout) throws CommandException {
        checked(runChange(timeout, "volume", "quota", volume, "enable"));
    }

    @Override
    public Optional<QuotaLimit> quotaLimit(String volume, String path, Duration timeout) throws CommandException {
        String listed = "/" + path;
        return parse(run(timeout, "volume", "quota", volume, "list", listed), GlusterXml::quotaLimits).stream()
                .filter(limit -> limit.path().equals(listed)).findFirst();
    }

    /** In bytes: gluster takes a plain number as bytes and refuses suffixes such as "MiB". */
    @Override
    public void setQuotaLimit(String volume, String path, long bytes, Duration timeout) throws CommandException {
        checked(runChange(timeout, "volume", "quota", volume, "limit-usage", "/" + path, Long.toString(bytes)));
    }

    @Override
    public void replaceBrick(String volume, String oldBrick, String newBrick, Duration timeout)
            throws CommandException {
        checked(runChange(timeout, "volume", "replace-brick", volume, oldBrick, newBrick, "commit", "force"));
    }

    @Override
    public void resetBrickStart(String volume, String brick, Duration timeout) throws CommandException {
        checked(runChange(timeout, "volume", "reset-brick", volume, brick, "start"));
    }

    @Override
    public void resetBrickCommit(String volume, String brick, Duration timeout) throws CommandException {
        checked(runChange(timeout, "volume", "reset-brick", volume, brick, brick, "commit", "force"));
    }

    @Override
    public void detachPeer(String host, Duration timeout) throws CommandException {
        checked(runChange(timeout, "peer", "detach", host));
    }

    @Override
    public void addBricks(String volume, int replica, int arbiterCount, List<String> bricks, boolean force,
            Duration timeout) throws CommandException {
        List<String> args = new ArrayList<>(List.of("volume", "add-brick", volume));
        if (replica > 1) {
            args.addAll(List.of("replica", Integer.toString(replica)));
        }
        if (arbiterCount > 0) {
            args.addAll(List.of("arbiter", Integer.toString(arbiterCount)));
        }
        args.addAll(bricks);
        if (force) {
            args.add("force");
        }
        checked(runChange(timeout, args.toArray(String[]::new)));
    }

    @Override
    public void startRebalance(String volume, boolean fixLayout, Duration timeout) throws CommandException {
        checked(fixLayout ? runChange(timeout, "volume", "rebalance", volume, "fix-layout", "start")
                : runChange(timeout, "volume", "rebalance", volume, "start"));
    }

    /**
     * glusterd answers a volume that never ran a rebalance with opRet -1 and the same errno as
     * every other refusal, so only its words tell "none yet" from a failed read.
     */
    @Override
    public Optional<RebalanceStatus> rebalanceStatus(String volume, Duration timeout) throws CommandException {
        CommandResult result = run(timeout, "volume", "rebalance", volume, "status");
        GlusterXml.Envelope envelope = envelope(result);
        if (!envelope.ok() && envelope.opErrstr().startsWith(REBALANCE_NOT_STARTED)) {
            return Optional.empty();
        }
        return Optional.of(parse(result, root -> GlusterXml.rebalance(root, "volRebalance")));
    }

    @Override
    public void startRemoveBricks(String volume, List<String> bricks, Duration timeout) throws CommandException {
        checked(runChange(timeout, removeBricks(volume, bricks, "start")));
    }

    @Override
    public void commitRemoveBricks(String volume, List<String> bricks, Duration timeout) throws CommandException {
        checked(runChange(timeout, removeBricks(volume, bricks, "commit")));
    }

    @Override
    public void lowerReplica(String volume, int replica, List<String> bricks, Duration timeout)
            throws CommandException {
        List<String> args = new ArrayList<>(List.of("volume", "remove-brick", volume, "replica",
                Integer.toString(replica)));
        args.addAll(bricks);
        args.add("force");
        checked(runChange(timeout, args.toArray(String[]::new)));
    }

    /** As for a rebalance, only glusterd's words tell "no migration off these bricks" from a failed read. */
    @Override
    public Optional<RebalanceStatus> removeBricksStatus(String volume, List<String> bricks, Duration timeout)
            throws CommandException {
        CommandResult result = run(timeout, removeBricks(volume, bricks, "status"));
        GlusterXml.Envelope envelope = envelope(result);
        if (!envelope.ok() && envelope.opErrstr().contains(REMOVE_BRICK_NOT_STARTED)) {
            return Optional.empty();
        }
        return Optional.of(parse(result, root -> GlusterXml.rebalance(root, "volRemoveBrick")));
    }

    private static String[] removeBricks(String volume, List<String> bricks, String verb) {
        List<String> args = new ArrayList<>(List.of("volume", "remove-brick", volume));
        args.addAll(bricks);
        args.add(verb);
        return args.toArray(String[]::new);
    }

    @Override
    public boolean answers(Duration timeout) throws CommandInterruptedException {
        try {
            checked(run(timeout, "pool", "list"));
            return true;
        } catch (CommandInterruptedException e) {
            throw e;
        } catch (CommandException e) {
            return false;
        }
    }

    private CommandResult run(Duration timeout, String... args)
            throws CommandTimeoutException, CommandInterruptedException {
        return runner.run(argv(args), timeout);
    }

    /**
     * Runs a change; while glusterd answers that another transaction holds its cluster-wide lock
     * (a peer's status read, another CLI), waits and tries again within the timeout, as gluster
     * itself asks. That answer means the change did not run, so running it again is safe. Reads
     * are not retried: a report says at once that it could not read, rather than going stale.
     */
    private CommandResult runChange(Duration timeout, String... args)
            throws CommandTimeoutException, CommandInterruptedException {
        List<String> argv = argv(args);
        long end = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_LOCK_RETRY;
        CommandResult result = runner.run(argv, timeout);
        while (lockedByAnother(result) && Duration.ofNanos(end - System.nanoTime()).compareTo(pause) > 0) {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandInterruptedException(argv);
            }
            pause = pause.multipliedBy(2).compareTo(LAST_LOCK_RETRY) < 0 ? pause.multipliedBy(2) : LAST_LOCK_RETRY;
            result = runner.run(argv, Duration.ofNanos(Math.max(end - System.nanoTime(), 1_000_000)));
        }
        return result;
    }

    /** glusterd's answers when its cluster-wide lock is held (glusterd-locks.c, glusterd-syncop.c). */
    static boolean lockedByAnother(CommandResult result) {
        String text = result.stdout() + result.stderr();
        return text.contains("Another transaction is in progress") || text.contains("Locking failed on");
    }

    private static List<String> argv(String... args) {
        List<String> argv = new ArrayList<>(List.of("gluster", "--mode=script", "--xml"));
        argv.addAll(List.of(args));
        return argv;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(Element root) throws GlusterXml.MalformedException;
    }

    private static <T> T parse(CommandResult result, Reader<T> reader) throws CommandFailedException {
        GlusterXml.Envelope envelope = checked(result);
        try {
            return reader.read(envelope.root());
        } catch (GlusterXml.MalformedException e) {
            throw new GlusterOutputException(e.getMessage(), result);
        }
    }

    /** The envelope of a successful command; anything else becomes an exception with gluster's reason. */
    private static GlusterXml.Envelope checked(CommandResult result) throws CommandFailedException {
        GlusterXml.Envelope envelope = envelope(result);
        if (!envelope.ok()) {
            throw new GlusterCommandException(result, envelope.opRet(), envelope.opErrno(), envelope.opErrstr());
        }
        return envelope;
    }

    /**
     * The XML envelope when there is one. Without one, a non-zero exit (glusterd unreachable
     * prints "Connection failed..." as plain text) is a plain command failure.
     */
    private static GlusterXml.Envelope envelope(CommandResult result) throws CommandFailedException {
        GlusterXml.Envelope envelope;
        try {
            envelope = GlusterXml.envelope(result.stdout());
        } catch (GlusterXml.MalformedException e) {
            if (!result.ok()) {
                throw new CommandFailedException(result);
            }
            throw new GlusterOutputException(e.getMessage(), result);
        }
        if (!result.ok() && envelope.ok()) {
            throw new CommandFailedException(result);
        }
        return envelope;
    }
}
