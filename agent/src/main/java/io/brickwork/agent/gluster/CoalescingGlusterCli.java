package io.brickwork.agent.gluster;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandInterruptedException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Identical reads that overlap in time share one gluster call. An apply's check round asks
 * the manager for the same {@code volume info} from several steps at once, and each gluster CLI
 * call costs tens of milliseconds of CPU; the shared answer is read after every one of those
 * requests arrived or while they were waiting, so it is as fresh as a call of their own.
 * Nothing is kept: once the call returns, the next read runs again.
 *
 * <p>A caller that joins waits for the running call, which ends within its own timeout.
 * Changes (probe, create, start, set) always run themselves.
 */
public final class CoalescingGlusterCli implements GlusterCli {
    private final GlusterCli cli;
    private final ConcurrentMap<List<String>, CompletableFuture<Object>> running = new ConcurrentHashMap<>();

    public CoalescingGlusterCli(GlusterCli cli) {
        this.cli = requireNonNull(cli, "cli is null");
    }

    @FunctionalInterface
    private interface Read<T> {
        T run() throws CommandException;
    }

    @Override
    public List<Peer> peerStatus(Duration timeout) throws CommandException {
        return shared(List.of("peer", "status"), () -> cli.peerStatus(timeout));
    }

    @Override
    public Optional<VolumeInfo> volumeInfo(String name, Duration timeout) throws CommandException {
        return shared(List.of("volume", "info", name), () -> cli.volumeInfo(name, timeout));
    }

    @Override
    public List<VolumeInfo> volumes(Duration timeout) throws CommandException {
        return shared(List.of("volume", "info"), () -> cli.volumes(timeout));
    }

    @Override
    public List<BrickHeal> healSummary(String volume, Duration timeout) throws CommandException {
        return shared(List.of("volume", "heal", volume, "info", "summary"), () -> cli.healSummary(volume, timeout));
    }

    @Override
    public String volumeOption(String volume, String key, Duration timeout) throws CommandException {
        return shared(List.of("volume", "get", volume, key), () -> cli.volumeOption(volume, key, timeout));
    }

    @Override
    public boolean answers(Duration timeout) throws CommandInterruptedException {
        try {
            return shared(List.of("pool", "list"), () -> cli.answers(timeout));
        } catch (CommandInterruptedException e) {
            throw e;
        } catch (CommandException e) {
            return false;
        }
    }

    @Override
    public ProbeResult probe(String host, Duration timeout) throws CommandException {
        return cli.probe(host, timeout);
    }

    @Override
    public void createVolume(String name, int replica, int arbiterCount, List<String> bricks, boolean force,
            Duration timeout) throws CommandException {
        cli.createVolume(name, replica, arbiterCount, bricks, force, timeout);
    }

    @Override
    public void startVolume(String name, Duration timeout) throws CommandException {
        cli.startVolume(name, timeout);
    }

    @Override
    public void stopVolume(String name, Duration timeout) throws CommandException {
        cli.stopVolume(name, timeout);
    }

    @Override
    public void enableQuota(String volume, Duration timeout) throws CommandException {
        cli.enableQuota(volume, timeout);
    }

    @Override
    public Optional<QuotaLimit> quotaLimit(String volume, String path, Duration timeout) throws CommandException {
        return cli.quotaLimit(volume, path, timeout);
    }

    @Override
    public void setQuotaLimit(String volume, String path, long bytes, Duration timeout) throws CommandException {
        cli.setQuotaLimit(volume, path, bytes, timeout);
    }

    @Override
    public void setVolumeOption(String volume, String key, String value, Duration timeout) throws CommandException {
        cli.setVolumeOption(volume, key, value, timeout);
    }

    @Override
    public List<BrickStatus> volumeStatus(String volume, Duration timeout) throws CommandException {
        return cli.volumeStatus(volume, timeout);
    }

    @Override
    public void replaceBrick(String volume, String oldBrick, String newBrick, Duration timeout)
            throws CommandException {
        cli.replaceBrick(volume, oldBrick, newBrick, timeout);
    }

    @Override
    public void resetBrickStart(String volume, String brick, Duration timeout) throws CommandException {
        cli.resetBrickStart(volume, brick, timeout);
    }

    @Override
    public void resetBrickCommit(String volume, String brick, Duration timeout) throws CommandException {
        cli.resetBrickCommit(volume, brick, timeout);
    }

    @Override
    public void detachPeer(String host, Duration timeout) throws CommandException {
        cli.detachPeer(host, timeout);
    }

    @Override
    public void addBricks(String volume, int replica, int arbiterCount, List<String> bricks, boolean force,
            Duration timeout) throws CommandException {
        cli.addBricks(volume, replica, arbiterCount, bricks, force, timeout);
    }

    @Override
    public void startRebalance(String volume, boolean fixLayout, Duration timeout) throws CommandException {
        cli.startRebalance(volume, fixLayout, timeout);
    }

    @Override
    public Optional<RebalanceStatus> rebalanceStatus(String volume, Duration timeout) throws CommandException {
        return cli.rebalanceStatus(volume, timeout);
    }

    @Override
    public void startRemoveBricks(String volume, List<String> bricks, Duration timeout) throws CommandException {
        cli.startRemoveBricks(volume, bricks, timeout);
    }

    @Override
    public void commitRemoveBricks(String volume, List<String> bricks, Duration timeout) throws CommandException {
        cli.commitRemoveBricks(volume, bricks, timeout);
    }

    @Override
    public void lowerReplica(String volume, int replica, List<String> bricks, Duration timeout)
            throws CommandException {
        cli.lowerReplica(volume, replica, bricks, timeout);
    }

    @Override
    public Optional<RebalanceStatus> removeBricksStatus(String volume, List<String> bricks, Duration timeout)
            throws CommandException {
        return cli.removeBricksStatus(volume, bricks, timeout);
    }

    /** Runs the read unless the same one is running; then waits for that one's answer. */
    @SuppressWarnings("unchecked")
    private <T> T shared(List<String> key, Read<T> read) throws CommandException {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> theirs = running.putIfAbsent(key, mine);
        if (theirs != null) {
            return (T) await(key, theirs);
        }
        try {
            T value = read.run();
            mine.complete(value);
            return value;
        } catch (CommandException | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    private static Object await(List<String> key, CompletableFuture<Object> call) throws CommandException {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandInterruptedException(argv(key));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CommandException command) {
                throw command;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) cause;
        }
    }

    private static List<String> argv(List<String> key) {
        return Stream.concat(Stream.of("gluster"), key.stream()).toList();
    }
}
