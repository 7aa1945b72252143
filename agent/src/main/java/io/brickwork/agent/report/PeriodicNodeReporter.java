package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.LocalGlusterd;
import io.brickwork.agent.mount.MountTable;
import io.brickwork.agent.system.Ticker;
import io.brickwork.proto.agent.v1.BrickReport;
import io.brickwork.proto.agent.v1.MountReport;
import io.brickwork.proto.common.v1.MountState;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.WatchList;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reports every interval, and at once when a cheap local check (mount states, brick processes
 * alive) disagrees with the last report. Each kind of slow read runs on its own thread, at most one
 * at a time; a report waits a bounded time for them (see {@link ReportSampler}).
 */
public final class PeriodicNodeReporter implements NodeReporter {
    private static final Logger log = Logger.getLogger(PeriodicNodeReporter.class.getName());

    private final ReportSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Ticker ticker;
    private final MountReader mounts;
    private final BrickTable bricks;
    private final ReportSampler sampler;

    private volatile WatchList watch = WatchList.getDefaultInstance();
    private Consumer<NodeReport> sink;
    private ScheduledFuture<?> task;
    // Confined to the scheduler thread.
    private NodeReport lastReport;
    private Instant lastReportAt;

    /**
     * @param glusterdRefuses glusterd certainly is not listening on its socket: asked, at no cost,
     *     when the read of glusterd's state did not tell
     */
    public PeriodicNodeReporter(GlusterCli gluster, LocalGlusterd glusterd, BooleanSupplier glusterdRefuses,
            MountTable mountTable, MountProbe probe, HostStats host, IntPredicate processAlive,
            ReportSettings settings, ScheduledExecutorService scheduler, Ticker ticker) {
        this.settings = requireNonNull(settings, "settings is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.ticker = requireNonNull(ticker, "ticker is null");
        this.mounts = new MountReader(mountTable, new MountProber(probe, settings.mountProbeTimeout(), ticker));
        this.bricks = new BrickTable(processAlive);
        this.sampler = new ReportSampler(mounts,
                new GlusterdReader(glusterd, glusterdRefuses, settings.glusterTimeout()),
                new HealReader(gluster, settings.glusterTimeout()), new HostReader(host), bricks,
                settings.readWait(), ticker);
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
        task = scheduler.scheduleWithFixedDelay(() -> check(started), 0, settings.checkInterval().toMillis(),
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
        Duration interval = asked > 0 ? Duration.ofMillis(asked) : settings.interval();
        return interval.compareTo(ReportSettings.MIN_INTERVAL) < 0 ? ReportSettings.MIN_INTERVAL : interval;
    }

    /** One whole report of what the current watch list asks for. */
    NodeReport sample() throws InterruptedException {
        return sampler.sample(watch);
    }

    /** One tick of the schedule: reports when the interval is up or something changed. */
    void check(Consumer<NodeReport> target) {
        try {
            if (lastReport == null || due() || changedSince(lastReport)) {
                report(target);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; one bad tick must not end reporting.
            log.log(Level.WARNING, "node report failed", e);
        }
    }

    /** The ticker is wall-clock time: a clock stepped back counts as the interval being up. */
    private boolean due() {
        Duration since = Duration.between(lastReportAt, ticker.now());
        return since.isNegative() || since.compareTo(interval()) >= 0;
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
            lastReportAt = ticker.now();
            target.accept(report);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cheap: the mount table, probes (bounded), and whether the last report's brick processes still live. */
    private boolean changedSince(NodeReport last) throws InterruptedException {
        for (BrickReport brick : last.getBricksList()) {
            if (bricks.processEnded(brick)) {
                return true;
            }
        }
        Map<String, MountState> before = states(last.getMountsList());
        Map<String, MountState> now = states(mounts.read(watch.getMountPointsList()).part().known().orElse(List.of()));
        return !before.equals(now);
    }

    private static Map<String, MountState> states(List<MountReport> mounts) {
        Map<String, MountState> states = new LinkedHashMap<>();
        mounts.forEach(mount -> states.put(mount.getMountPoint(), mount.getState()));
        return states;
    }
}
