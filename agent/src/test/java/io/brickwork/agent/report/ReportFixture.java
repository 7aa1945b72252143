package io.brickwork.agent.report;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;

import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.gluster.GetStateReader;
import io.brickwork.agent.mount.MountEntry;
import io.brickwork.agent.ownership.Owners;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.proto.agent.v1.DiskReport;
import io.brickwork.proto.agent.v1.WatchList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A node for the report's tests: glusterd answering get-state with node1's sample state (brick
 * vol1 node1:/gluster/b1, pid 28136), heal counts for vol1, /mnt/vol1 mounted and answering,
 * every disk readable, every process alive, glusterd's socket accepting. A test changes what it
 * is about. Register it with {@code @RegisterExtension}; reads a test leaves blocked are released
 * after it.
 */
final class ReportFixture implements BeforeEachCallback, AfterEachCallback {
    static final List<String> HEAL_VOL1 = List.of(gluster("volume", "heal", "vol1", "info", "summary"));
    static final Path MOUNT = Path.of("/mnt/vol1");
    static final WatchList WATCH = WatchList.newBuilder().addMountPoints("/mnt/vol1")
            .addBrickPaths("/gluster/b1").addHealVolumes("vol1").build();
    static final ReportSettings SETTINGS = new ReportSettings(Duration.ofSeconds(5), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMillis(200));
    /** A read wait short enough for tests of reads that do not answer. */
    static final ReportSettings SHORT_WAIT = new ReportSettings(Duration.ofSeconds(5), Duration.ofSeconds(1),
            Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMillis(200));

    /** Each test's own: a read a test left running must not write into the next test's dump. */
    final Path dumpDir;
    final Path glusterRun;
    final List<String> getState;
    final String dumped;
    final ScriptedCommandRunner runner;
    final List<MountEntry> mountTable = new CopyOnWriteArrayList<>(
            List.of(new MountEntry(MOUNT, MountEntry.GLUSTERFS, "node1:/vol1")));
    /** Opened after each test: whatever a test blocked on it returns. */
    final CountDownLatch release = new CountDownLatch(1);
    final FixedHostStats hostStats = new FixedHostStats();
    /** Processes the agent would see gone; every other pid is alive. */
    final Set<Integer> deadPids = ConcurrentHashMap.newKeySet();
    /** What glusterd's socket says: it accepts, unless a test kills glusterd. */
    final AtomicBoolean glusterdRefuses = new AtomicBoolean();
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final FakeTicker ticker = new FakeTicker();

    ReportFixture(Path tmp) {
        dumpDir = tmp.resolve(UUID.randomUUID().toString()).resolve("dump");
        glusterRun = dumpDir.resolveSibling("gluster");
        getState = GetStateReader.argv(dumpDir);
        dumped = "glusterd state dumped to " + dumpDir.resolve("glusterd-state");
        runner = new ScriptedCommandRunner()
                .answer(getState, dumped)
                .writes(getState, dumpDir.resolve("glusterd-state"), sample("get-state-node1.txt"))
                .answer(HEAL_VOL1, sample("heal-summary-pending.xml"));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Path pidFile = glusterRun.resolve("vols/vol1/node1-gluster-b1.pid");
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, "28136\n");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        release.countDown();
        scheduler.shutdownNow();
    }

    static Owners answers(Path mountPoint) {
        return new Owners("app", "staff");
    }

    GetStateReader glusterd() {
        return new GetStateReader(runner, dumpDir, glusterRun);
    }

    MountProber prober(MountProbe probe) {
        return new MountProber(probe, SETTINGS.mountProbeTimeout(), ticker);
    }

    /** A reporter watching {@link #WATCH}, its mounts answering. */
    PeriodicNodeReporter reporter() {
        return reporter(ReportFixture::answers, SETTINGS);
    }

    PeriodicNodeReporter reporter(ReportSettings settings) {
        return reporter(ReportFixture::answers, settings);
    }

    PeriodicNodeReporter reporter(MountProbe probe, ReportSettings settings) {
        PeriodicNodeReporter reporter = new PeriodicNodeReporter(new CliGlusterCli(runner), glusterd(),
                glusterdRefuses::get, () -> List.copyOf(mountTable), probe, hostStats,
                pid -> !deadPids.contains(pid), settings, scheduler, ticker);
        reporter.watch(WATCH);
        return reporter;
    }

    /** Every path is a 1000-byte disk with 400 free and 100 inodes, 40 free; or a disk read that hangs. */
    static final class FixedHostStats implements HostStats {
        /** When set, every disk read waits for it, as statvfs on a hung file system would. */
        volatile CountDownLatch hangUntil;

        static DiskReport disk(String path) {
            return DiskReport.newBuilder().setPath(path).setTotalBytes(1000).setFreeBytes(400).setInodesTotal(100)
                    .setInodesFree(40).build();
        }

        @Override
        public DiskReport disk(Path path) {
            CountDownLatch gate = hangUntil;
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return disk(path.toString());
        }

        @Override
        public double load1() {
            return 0.5;
        }

        @Override
        public Memory memory() {
            return new Memory(8000, 3000);
        }
    }
}
