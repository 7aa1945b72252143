package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.BrickHeal;
import io.brickwork.agent.gluster.BrickStatus;
import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.GlusterCommandException;
import io.brickwork.agent.gluster.GlusterOutputException;
import io.brickwork.agent.gluster.LocalGlusterd;
import io.brickwork.agent.gluster.Peer;
import io.brickwork.agent.mount.MountEntry;
import io.brickwork.agent.mount.MountTable;
import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandTimeoutException;
import io.brickwork.common.validation.Validation;
import io.brickwork.proto.agent.v1.BrickReport;
import io.brickwork.proto.agent.v1.DiskReport;
import io.brickwork.proto.agent.v1.HealReport;
import io.brickwork.proto.agent.v1.MountReport;
import io.brickwork.proto.agent.v1.MountState;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.PeerFact;
import io.brickwork.proto.agent.v1.ReportPart;
import io.brickwork.proto.agent.v1.UnreadPart;
import io.brickwork.proto.agent.v1.WatchList;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reports every interval, and at once when a cheap local check (mount states, brick processes
 * alive) disagrees with the last report. Each kind of read runs on its own thread, at most one at a
 * time; a report waits a bounded time for them and names whatever did not answer in errors.
 */
public final class PeriodicNodeReporter implements NodeReporter {
    private static final Logger log = Logger.getLogger(PeriodicNodeReporter.class.getName());
    /** Every list in a report is capped: a report is small whatever the node looks like. */
    static final int MAX_ENTRIES = 256;
    static final int MAX_ERROR_LENGTH = 300;
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    static final String HELD_BACK = "glusterd state (get-state): not asked while the disk read of / and the bricks"
            + " hangs (glusterd reads the same file systems under its lock)";
    private static final Path ROOT = Path.of("/");

    private final GlusterCli gluster;
    private final LocalGlusterd glusterd;
    private final BooleanSupplier glusterdRefuses;
    private final MountTable mountTable;
    private final MountProber prober;
    private final HostStats host;
    private final IntPredicate processAlive;
    private final ReportTiming timing;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    private final SingleFlight<LocalGlusterd.State> glusterdReads = new SingleFlight<>("glusterd");
    private final SingleFlight<HealPart> healReads = new SingleFlight<>("heals");
    private final SingleFlight<HostPart> hostReads = new SingleFlight<>("host");

    private volatile WatchList watch = WatchList.getDefaultInstance();
    private Consumer<NodeReport> sink;
    private ScheduledFuture<?> task;
    // Confined to the scheduler thread.
    private NodeReport lastReport;
    private long lastReportNanos;
    /** This node's bricks as the last brick table that could be read showed them. */
    private List<BrickReport> localBricks = List.of();

    /**
     * @param glusterdRefuses glusterd certainly is not listening on its socket: asked, at no cost,
     *     when the read of glusterd's state did not answer in time
     */
    public PeriodicNodeReporter(GlusterCli gluster, LocalGlusterd glusterd, BooleanSupplier glusterdRefuses,
            MountTable mountTable, MountProber prober,
            HostStats host, IntPredicate processAlive, ReportTiming timing, ScheduledExecutorService scheduler,
            Clock clock) {
        this.gluster = requireNonNull(gluster, "gluster is null");
        this.glusterd = requireNonNull(glusterd, "glusterd is null");
        this.glusterdRefuses = requireNonNull(glusterdRefuses, "glusterdRefuses is null");
        this.mountTable = requireNonNull(mountTable, "mountTable is null");
        this.prober = requireNonNull(prober, "prober is null");
        this.host = requireNonNull(host, "host is null");
        this.processAlive = requireNonNull(processAlive, "processAlive is null");
        this.timing = requireNonNull(timing, "timing is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public synchronized void start(Consumer<NodeReport> sink) {
        requireNonNull(sink, "sink is null");
        if (task != null) {
            task.cancel(false);
        }
        this.sink = sink;
        Consumer<NodeReport> started = sink;
        scheduler.execute(() -> lastReport = null);
        task = scheduler.scheduleWithFixedDelay(() -> check(started), 0, timing.checkPeriod().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void watch(WatchList watch) {
        this.watch = requireNonNull(watch, "watch is null");
        Consumer<NodeReport> current;
        synchronized (this) {
            current = sink;
        }
        if (current != null) {
            // The coordinator wants to see the new list's state now, not an interval from now.
            scheduler.execute(() -> report(current));
        }
    }

    @Override
    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        sink = null;
    }

    /** The interval the coordinator asked for, or the agent's own. */
    Duration interval() {
        long asked = watch.getReportIntervalMs();
        Duration interval = asked > 0 ? Duration.ofMillis(asked) : timing.interval();
        return interval.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : interval;
    }

    private void check(Consumer<NodeReport> target) {
        try {
            if (lastReport == null || System.nanoTime() - lastReportNanos >= interval().toNanos()
                    || changedSince(lastReport)) {
                report(target);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; one bad tick must not end reporting.
            log.log(Level.WARNING, "node report failed", e);
        }
    }

    private void report(Consumer<NodeReport> target) {
        synchronized (this) {
            if (sink != target) {
                return;
            }
        }
        try {
            NodeReport report = sample();
            lastReport = report;
            lastReportNanos = System.nanoTime();
            target.accept(report);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cheap: the mount table, probes (bounded), and whether the last report's brick processes still live. */
    private boolean changedSince(NodeReport last) throws InterruptedException {
        for (BrickReport brick : last.getBricksList()) {
            if (brick.getOnline() && brick.getPid() > 0 && !processAlive.test(brick.getPid())) {
                return true;
            }
        }
        Map<String, MountState> before = new LinkedHashMap<>();
        last.getMountsList().forEach(mount -> before.put(mount.getMountPoint(), mount.getState()));
        Map<String, MountState> now = new LinkedHashMap<>();
        mounts(new ArrayList<>(), new ArrayList<>()).forEach(mount -> now.put(mount.getMountPoint(), mount.getState()));
        return !before.equals(now);
    }

    /**
     * One whole report, waiting at most {@code readWait} for the reads. A read that fails or does
     * not answer in time leaves its part out and lists it in {@code unread}: the coordinator then
     * knows the part is unknown, not empty. Only local evidence stands in for a missing brick
     * table: a brick whose process is gone is reported offline.
     */
    NodeReport sample() throws InterruptedException {
        WatchList watching = watch;
        List<String> errors = new ArrayList<>();
        List<UnreadPart> unread = new ArrayList<>();
        long deadline = System.nanoTime() + timing.readWait().toNanos();
        Duration timeout = timing.glusterTimeout();
        Optional<LocalGlusterd.State> lateGlusterd = glusterdReads.late();
        Optional<HealPart> lateHeals = healReads.late();
        Optional<HostPart> lateHost = hostReads.late();
        Optional<Future<HostPart>> hostPart = hostReads.start(() -> readHost(watching));
        // glusterd's get-state runs statvfs on this node's bricks while it holds its one big lock:
        // on a brick file system that hangs, it would hang glusterd itself, for every command on
        // this node. While the agent's own read of those file systems is stuck, glusterd is not asked.
        boolean disksHang = hostPart.isEmpty();
        Optional<Future<LocalGlusterd.State>> glusterdState = disksHang ? Optional.empty()
                : glusterdReads.start(() -> glusterd.state(timeout));

        NodeReport.Builder report = NodeReport.newBuilder().setTimeUnixMs(clock.millis());
        report.addAllMounts(mounts(errors, unread));

        // One read gives both the peer table and the bricks: unread, both are.
        Read<LocalGlusterd.State> glusterdRead;
        if (disksHang) {
            errors.add(HELD_BACK);
            glusterdRead = Read.missed(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_PEERS).setTimedOut(true)
                    .setReason(HELD_BACK).build(), false);
        } else {
            glusterdRead = collect(ReportPart.REPORT_PART_PEERS, "glusterd state (get-state)", glusterdReads,
                    glusterdState, lateGlusterd, deadline, errors);
        }
        Optional<UnreadPart> glusterdUnread = glusterdRead.unread();
        // A read that waits on a glusterd that died meanwhile can hang until its timeout; the socket
        // tells at once. No answer is unknown; a refused connection is glusterd down.
        boolean refused = glusterdUnread.isPresent() && glusterdUnread.get().getTimedOut() && glusterdRefuses.getAsBoolean();
        if (refused) {
            glusterdUnread = glusterdUnread.map(part -> part.toBuilder().setTimedOut(false)
                    .setReason(part.getReason() + "; glusterd refuses connections on its socket").build());
        }
        glusterdUnread.ifPresent(part -> {
            unread.add(part);
            unread.add(part.toBuilder().setPart(ReportPart.REPORT_PART_BRICKS).build());
        });
        report.setGlusterdRunning(!refused && (glusterdRead.value().isPresent() || glusterdRead.glusterdAnswered()));
        if (glusterdRead.value().isPresent()) {
            LocalGlusterd.State state = glusterdRead.value().get();
            report.addAllPeers(cap(state.peers().stream().map(PeriodicNodeReporter::peer).toList()));
            localBricks = cap(state.bricks().stream().map(this::brick).toList());
            report.addAllBricks(localBricks);
        } else {
            report.addAllBricks(goneSinceLastRead());
        }
        // Only the volumes the coordinator gave this node: the counts are the same from every node.
        List<String> volumes = volumeNames(watching.getHealVolumesList());
        if (!volumes.isEmpty()) {
            if (glusterdRead.value().isPresent()) {
                Read<HealPart> healRead = collect(ReportPart.REPORT_PART_HEALS, "volume heal info summary", healReads,
                        healReads.start(() -> readHeals(volumes, timeout)), lateHeals, deadline, errors);
                healRead.value().ifPresent(part -> {
                    report.addAllHeals(cap(part.heals()));
                    errors.addAll(part.errors());
                    unread.addAll(part.unread());
                });
                healRead.unread().ifPresent(part -> volumes.forEach(
                        volume -> unread.add(part.toBuilder().setVolume(volume).build())));
            } else {
                // Without glusterd's peer table the heal counts are not asked for: unknown, like the peers.
                UnreadPart glusterdPart = glusterdUnread.orElseThrow();
                volumes.forEach(volume -> unread.add(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_HEALS)
                        .setVolume(volume).setTimedOut(glusterdPart.getTimedOut())
                        .setReason("not read: " + glusterdPart.getReason()).build()));
            }
        }

        Read<HostPart> hostRead = collect(ReportPart.REPORT_PART_HOST, "disk, load and memory", hostReads, hostPart,
                lateHost, deadline, errors);
        hostRead.unread().ifPresent(unread::add);
        hostRead.value().ifPresent(part -> {
            report.addAllDisks(cap(part.disks()));
            report.setLoad1(part.load1());
            report.setMemoryTotalBytes(part.memory().totalBytes());
            report.setMemoryAvailableBytes(part.memory().availableBytes());
            errors.addAll(part.errors());
        });
        report.addAllErrors(cap(errors.stream().map(PeriodicNodeReporter::shorten).toList()));
        report.addAllUnread(cap(unread.stream().map(part -> part.toBuilder().setReason(shorten(part.getReason()))
                .build()).toList()));
        return report.build();
    }

    /**
     * The bricks of the last brick table that were online and whose process has ended since: offline
     * by local evidence, whatever glusterd would say. The others are left out: unknown.
     */
    private List<BrickReport> goneSinceLastRead() {
        List<BrickReport> gone = new ArrayList<>();
        for (BrickReport brick : localBricks) {
            if (brick.getOnline() && brick.getPid() > 0 && !processAlive.test(brick.getPid())) {
                gone.add(brick.toBuilder().setOnline(false).setPort(0).setPid(-1).build());
            }
        }
        return gone;
    }

    private List<MountReport> mounts(List<String> errors, List<UnreadPart> unread) throws InterruptedException {
        List<Path> watched = paths(watch.getMountPointsList());
        Map<Path, MountEntry> mounted = new LinkedHashMap<>();
        try {
            for (Path mountPoint : watched) {
                mountTable.at(mountPoint).ifPresent(entry -> mounted.put(mountPoint, entry));
            }
        } catch (IOException e) {
            errors.add("mount table: " + e.getMessage());
            unread.add(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_MOUNTS)
                    .setReason("mount table: " + e.getMessage()).build());
            return List.of();
        }
        List<Path> glusterfs = mounted.values().stream().filter(MountEntry::isGlusterfs)
                .map(MountEntry::mountPoint).toList();
        Map<Path, MountProber.Outcome> probes = prober.probe(glusterfs);
        List<MountReport> reports = new ArrayList<>();
        for (Path mountPoint : watched) {
            MountReport.Builder mount = MountReport.newBuilder().setMountPoint(mountPoint.toString());
            MountEntry entry = mounted.get(mountPoint);
            if (entry == null) {
                reports.add(mount.setState(MountState.MOUNT_STATE_NOT_MOUNTED).build());
                continue;
            }
            mount.setSource(entry.source());
            if (!entry.isGlusterfs()) {
                reports.add(mount.setState(MountState.MOUNT_STATE_WRONG_FS).build());
                continue;
            }
            MountProber.Outcome outcome = probes.get(mountPoint);
            if (outcome instanceof MountProber.Outcome.Answered answered) {
                mount.setState(MountState.MOUNT_STATE_OK)
                        .setOwner(answered.owners().user()).setGroup(answered.owners().group());
            } else if (outcome instanceof MountProber.Outcome.Failed failed) {
                // ENOTCONN and friends: the FUSE client is gone; for whoever uses the mount that is as bad as hung.
                mount.setState(MountState.MOUNT_STATE_HUNG);
                errors.add("stat " + mountPoint + ": " + failed.reason());
            } else {
                mount.setState(MountState.MOUNT_STATE_HUNG);
            }
            reports.add(mount.build());
        }
        return reports;
    }

    private HostPart readHost(WatchList watching) {
        List<String> errors = new ArrayList<>();
        List<DiskReport> disks = new ArrayList<>();
        Set<Path> paths = new LinkedHashSet<>();
        paths.add(ROOT);
        paths.addAll(paths(watching.getBrickPathsList()));
        for (Path path : paths) {
            try {
                disks.add(host.disk(path));
            } catch (IOException e) {
                errors.add("disk " + path + ": " + e.getMessage());
            }
        }
        return new HostPart(disks, host.load1(), host.memory(), errors);
    }

    private HealPart readHeals(List<String> volumes, Duration timeout) throws InterruptedException {
        List<HealReport> heals = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<UnreadPart> unread = new ArrayList<>();
        for (String volume : volumes) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            try {
                for (BrickHeal heal : gluster.healSummary(volume, timeout)) {
                    if (heal.counted()) {
                        heals.add(HealReport.newBuilder().setVolume(volume).setBrick(heal.brick())
                                .setPending(heal.pending().getAsLong()).setSplitBrain(heal.splitBrain().getAsLong())
                                .build());
                    } else {
                        errors.add("heal " + volume + " " + heal.brick() + ": " + heal.status());
                    }
                }
            } catch (CommandException e) {
                errors.add("heal " + volume + ": " + e.getMessage());
                unread.add(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_HEALS).setVolume(volume)
                        .setTimedOut(e instanceof CommandTimeoutException).setReason(e.getMessage()).build());
            }
        }
        return new HealPart(heals, errors, unread);
    }

    /**
     * Waits for a started read until the report's deadline. A read that did not answer (or was
     * still running from before) is unknown, unless the previous read answered after its own
     * report gave up on it: that answer, at most an interval old, stands in. A read that failed
     * says why.
     */
    private <T> Read<T> collect(ReportPart part, String what, SingleFlight<T> flight, Optional<Future<T>> started,
            Optional<T> late, long deadline, List<String> errors) throws InterruptedException {
        UnreadPart.Builder unread = UnreadPart.newBuilder().setPart(part);
        if (started.isEmpty()) {
            errors.add(what + ": previous read still running; skipped");
            return Read.missed(unread.setTimedOut(true).setReason(what + ": previous read still running").build(),
                    false);
        }
        try {
            T value = started.get().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            flight.taken(started.get());
            return Read.got(value);
        } catch (TimeoutException e) {
            if (late.isPresent()) {
                log.fine(() -> what + ": using the previous read, which answered after its report");
                return Read.got(late.get());
            }
            String reason = what + ": no answer within " + timing.readWait().toMillis() + " ms";
            errors.add(reason);
            return Read.missed(unread.setTimedOut(true).setReason(reason).build(), false);
        } catch (ExecutionException e) {
            flight.taken(started.get());
            Throwable cause = e.getCause();
            String reason = what + ": " + cause.getMessage();
            errors.add(reason);
            // glusterd answering, with an error or with something unreadable, is glusterd running;
            // "Connection failed" is not. A failure on the agent's own side (its dump directory, a
            // bug) says nothing of glusterd: unknown, like no answer.
            boolean unknown = cause instanceof CommandTimeoutException || !(cause instanceof CommandException);
            return Read.missed(unread.setTimedOut(unknown).setReason(reason).build(),
                    cause instanceof GlusterCommandException || cause instanceof GlusterOutputException);
        }
    }

    /** Valid volume names only, as for paths: they become gluster's argv. */
    private static List<String> volumeNames(List<String> texts) {
        return texts.stream().filter(text -> Validation.name(text).isEmpty()).distinct().limit(MAX_ENTRIES).toList();
    }

    /** Absolute, normalized paths only: anything else in a watch list is a coordinator bug, not a path to stat. */
    private static List<Path> paths(List<String> texts) {
        List<Path> paths = new ArrayList<>();
        for (String text : texts) {
            if (paths.size() == MAX_ENTRIES) {
                break;
            }
            if (text.indexOf('\0') >= 0) {
                continue;
            }
            Path path = Path.of(text);
            if (path.isAbsolute() && path.normalize().equals(path) && !paths.contains(path)) {
                paths.add(path);
            }
        }
        return paths;
    }

    private static PeerFact peer(Peer peer) {
        return PeerFact.newBuilder().setUuid(peer.uuid()).setHostname(peer.hostname()).setConnected(peer.connected())
                .setState(peer.state()).build();
    }

    /**
     * glusterd calls a brick Started until it has handled the brick's disconnect; a brick whose
     * process the agent sees gone is offline already.
     */
    private BrickReport brick(BrickStatus brick) {
        if (brick.online() && brick.pid() > 0 && !processAlive.test(brick.pid())) {
            return BrickReport.newBuilder().setVolume(brick.volume()).setBrick(brick.brick()).setOnline(false)
                    .setPid(-1).build();
        }
        return BrickReport.newBuilder().setVolume(brick.volume()).setBrick(brick.brick()).setOnline(brick.online())
                .setPort(brick.port()).setPid(brick.pid()).build();
    }

    private static <T> List<T> cap(List<T> list) {
        return list.size() <= MAX_ENTRIES ? list : list.subList(0, MAX_ENTRIES);
    }

    private static String shorten(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH - 3) + "...";
    }

    private record HostPart(List<DiskReport> disks, double load1, HostStats.Memory memory, List<String> errors) {}

    private record HealPart(List<HealReport> heals, List<String> errors, List<UnreadPart> unread) {}

    /** A read's value, or why the report goes without it. */
    private record Read<T>(Optional<T> value, Optional<UnreadPart> unread, boolean glusterdAnswered) {
        static <T> Read<T> got(T value) {
            return new Read<>(Optional.of(value), Optional.empty(), true);
        }

        static <T> Read<T> missed(UnreadPart unread, boolean glusterdAnswered) {
            return new Read<>(Optional.empty(), Optional.of(unread), glusterdAnswered);
        }
    }
}
