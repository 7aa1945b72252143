package io.brickwork.agent.report;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.gluster.GetStateReader;
import io.brickwork.agent.mount.MountEntry;
import io.brickwork.agent.ownership.Owners;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.proto.agent.v1.BrickReport;
import io.brickwork.proto.agent.v1.DiskReport;
import io.brickwork.proto.agent.v1.HealReport;
import io.brickwork.proto.agent.v1.MountReport;
import io.brickwork.proto.agent.v1.MountState;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.ReportPart;
import io.brickwork.proto.agent.v1.UnreadPart;
import io.brickwork.proto.agent.v1.WatchList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeriodicNodeReporterTest {
    private static final List<String> HEAL_VOL1 = List.of(gluster("volume", "heal", "vol1", "info", "summary"));
    private static final Path MOUNT = Path.of("/mnt/vol1");
    private static final WatchList WATCH = WatchList.newBuilder().addMountPoints("/mnt/vol1")
            .addBrickPaths("/gluster/b1").addHealVolumes("vol1").build();

    @TempDir
    static Path tmp;
    /** Each test's own: a read a test left running must not write into the next test's dump. */
    private final Path dumpDir = tmp.resolve(UUID.randomUUID().toString()).resolve("dump");
    private final Path glusterRun = dumpDir.resolveSibling("gluster");
    private final List<String> getState = GetStateReader.argv(dumpDir);
    private final String dumped = "glusterd state dumped to " + dumpDir.resolve("glusterd-state");

    private final ScriptedCommandRunner runner = new ScriptedCommandRunner()
            .answer(getState, dumped)
            .writes(getState, dumpDir.resolve("glusterd-state"), sample("get-state-node1.txt"))
            .answer(HEAL_VOL1, sample("heal-summary-pending.xml"));
    private final List<MountEntry> mountTable = new CopyOnWriteArrayList<>(
            List.of(new MountEntry(MOUNT, MountEntry.GLUSTERFS, "node1:/vol1")));
    private final CountDownLatch release = new CountDownLatch(1);
    private final FixedHostStats hostStats = new FixedHostStats();
    /** Processes the agent would see gone; every other pid is alive. */
    private final Set<Integer> deadPids = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** What glusterd's socket says: it accepts, unless a test kills glusterd. */
    private final AtomicBoolean glusterdRefuses = new AtomicBoolean();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final FakeTicker clock = new FakeTicker();

    @BeforeEach
    void brickPidFile() throws Exception {
        Path pidFile = glusterRun.resolve("vols/vol1/node1-gluster-b1.pid");
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, "28136\n");
    }

    @AfterEach
    void releaseBlockedReads() {
        release.countDown();
        scheduler.shutdownNow();
    }

    private GetStateReader glusterd() {
        return new GetStateReader(runner, dumpDir, glusterRun);
    }

    private PeriodicNodeReporter reporter(MountProbe probe, ReportSettings timing) {
        PeriodicNodeReporter reporter = new PeriodicNodeReporter(new CliGlusterCli(runner), glusterd(),
                glusterdRefuses::get, () -> List.copyOf(mountTable), new MountProber(probe, Duration.ofMillis(200), clock),
                hostStats, pid -> !deadPids.contains(pid), timing, scheduler, clock);
        reporter.watch(WATCH);
        return reporter;
    }

    private PeriodicNodeReporter reporter(MountProbe probe) {
        return reporter(probe, new ReportSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(10), Duration.ofMillis(200)));
    }

    private static Owners answers(Path mountPoint) {
        return new Owners("app", "staff");
    }

    @Test
    void reportIsAssembledFromEverySource() throws Exception {
        NodeReport report = reporter(PeriodicNodeReporterTest::answers).sample();

        // The sample's second brick was down: it has no counts, so it is an error, not a zero.
        assertEquals(List.of("heal vol1 node2:/gluster/b1: Failed to process entries completely. (Transport endpoint"
                + " is not connected)totalNumberOfEntries0"), report.getErrorsList());
        assertEquals(clock.now().toEpochMilli(), report.getTimeUnixMs());
        assertTrue(report.getGlusterdRunning());
        assertEquals(List.of("node2", "node3"), report.getPeersList().stream().map(peer -> peer.getHostname()).toList());
        assertEquals(List.of(BrickReport.newBuilder().setVolume("vol1").setBrick("node1:/gluster/b1").setOnline(true)
                .setPort(52362).setPid(28136).build()), report.getBricksList());
        assertEquals(List.of(HealReport.newBuilder().setVolume("vol1").setBrick("node1:/gluster/b1").setPending(6)
                .build()), report.getHealsList());
        assertEquals(List.of(FixedHostStats.disk("/"), FixedHostStats.disk("/gluster/b1")), report.getDisksList());
        assertEquals(0.5, report.getLoad1());
        assertEquals(8000, report.getMemoryTotalBytes());
        assertEquals(3000, report.getMemoryAvailableBytes());
        assertEquals(List.of(MountReport.newBuilder().setMountPoint("/mnt/vol1").setState(MountState.MOUNT_STATE_OK)
                .setSource("node1:/vol1").setOwner("app").setGroup("staff").build()), report.getMountsList());
        assertEquals(Set.of(getState, HEAL_VOL1), Set.copyOf(runner.calls()));
    }

    @Test
    void aSlowGlusterCallIsNotStartedAgainButReportedAsAnError() throws Exception {
        runner.blockUntil(getState, release, dumped);
        PeriodicNodeReporter reporter = reporter(PeriodicNodeReporterTest::answers, new ReportSettings(
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMillis(200)));

        NodeReport first = reporter.sample();
        NodeReport second = reporter.sample();

        assertTrue(first.getErrorsList().contains("glusterd state (get-state): no answer within 100 ms"),
                first.getErrorsList()::toString);
        assertTrue(second.getErrorsList().contains("glusterd state (get-state): previous read still running; skipped"),
                second.getErrorsList()::toString);
        assertEquals(false, second.getGlusterdRunning());
        assertEquals(1, runner.count(getState));
    }

    @Test
    void aHungMountIsReportedHungWithoutHoldingTheReportOrProbingTwice() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        PeriodicNodeReporter reporter = reporter(mountPoint -> {
            probes.incrementAndGet();
            // Like a stat in D state: it returns when it returns.
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return answers(mountPoint);
        });

        long started = System.nanoTime();
        NodeReport first = reporter.sample();
        NodeReport second = reporter.sample();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(MountState.MOUNT_STATE_HUNG, first.getMounts(0).getState());
        assertEquals(MountState.MOUNT_STATE_HUNG, second.getMounts(0).getState());
        assertEquals(1, probes.get());
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "two reports took " + took);
    }

    @Test
    void aMountThatGoesAwayIsReportedAtOnceNotAtTheNextInterval() throws Exception {
        PeriodicNodeReporter reporter = reporter(PeriodicNodeReporterTest::answers, new ReportSettings(
                Duration.ofHours(1), Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMillis(200)));
        BlockingQueue<NodeReport> sent = new LinkedBlockingQueue<>();
        reporter.start(sent::add);
        NodeReport first = sent.poll(5, TimeUnit.SECONDS);
        assertNotNull(first);
        assertEquals(MountState.MOUNT_STATE_OK, first.getMounts(0).getState());

        mountTable.clear();

        NodeReport second = sent.poll(5, TimeUnit.SECONDS);
        assertNotNull(second, "no report after the mount went away");
        assertEquals(MountState.MOUNT_STATE_NOT_MOUNTED, second.getMounts(0).getState());
        reporter.stop();
    }

    @Test
    void nothingChangedMeansNoReportBeforeTheInterval() throws Exception {
        PeriodicNodeReporter reporter = reporter(PeriodicNodeReporterTest::answers, new ReportSettings(
                Duration.ofHours(1), Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMillis(200)));
        BlockingQueue<NodeReport> sent = new LinkedBlockingQueue<>();
        reporter.start(sent::add);
        assertNotNull(sent.poll(5, TimeUnit.SECONDS));

        NodeReport second = sent.poll(300, TimeUnit.MILLISECONDS);

        assertEquals(null, second);
        reporter.stop();
    }

    @Test
    void theWatchListsIntervalWinsOverTheDefault() {
        PeriodicNodeReporter reporter = reporter(PeriodicNodeReporterTest::answers);

        reporter.watch(WATCH.toBuilder().setReportIntervalMs(1500).build());

        assertEquals(Duration.ofMillis(1500), reporter.interval());
    }

    @Test
    void aTimedOutGlusterdStateLeavesPeersAndBricksUnreadNotOfflineAndHealsUnasked() throws Exception {
        runner.timeOut(getState);

        NodeReport report = reporter(PeriodicNodeReporterTest::answers).sample();

        assertEquals(List.of(), report.getBricksList());
        assertEquals(List.of(), report.getPeersList());
        String reason = "glusterd state (get-state): gluster did not finish within 10000ms and was killed";
        UnreadPart peers = UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_PEERS).setTimedOut(true)
                .setReason(reason).build();
        assertEquals(List.of(peers, peers.toBuilder().setPart(ReportPart.REPORT_PART_BRICKS).build(),
                peers.toBuilder().setPart(ReportPart.REPORT_PART_HEALS).setVolume("vol1").setReason("not read: " + reason)
                        .build()), report.getUnreadList());
        assertEquals(0, runner.count(HEAL_VOL1));
    }

    @Test
    void aStateGlusterdRefusedToDumpIsUnreadButNotTimedOutAndGlusterdIsRunning() throws Exception {
        runner.exit(getState, 1, "Failed to get daemon state: Output directory " + dumpDir + " does not exist.");

        NodeReport report = reporter(PeriodicNodeReporterTest::answers).sample();

        assertEquals(List.of(), report.getBricksList());
        assertTrue(report.getGlusterdRunning(), "glusterd answered");
        assertEquals(List.of(ReportPart.REPORT_PART_PEERS, ReportPart.REPORT_PART_BRICKS, ReportPart.REPORT_PART_HEALS),
                report.getUnreadList().stream().map(UnreadPart::getPart).toList());
        assertTrue(report.getUnreadList().stream().noneMatch(UnreadPart::getTimedOut), report::toString);
        assertTrue(report.getUnread(0).getReason().contains("Failed to get daemon state"), report.getUnread(0)::toString);
    }

    @Test
    void aBrickWhoseProcessEndedIsOfflineEvenWhenTheBrickTableCannotBeRead() throws Exception {
        Set<Integer> alive = new java.util.concurrent.ConcurrentSkipListSet<>(Set.of(28136));
        PeriodicNodeReporter reporter = new PeriodicNodeReporter(new CliGlusterCli(runner), glusterd(), glusterdRefuses::get,
                () -> List.copyOf(mountTable), new MountProber(PeriodicNodeReporterTest::answers,
                        Duration.ofMillis(200), clock), new FixedHostStats(), alive::contains, new ReportSettings(
                        Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMillis(200)),
                scheduler, clock);
        reporter.watch(WATCH);
        assertTrue(reporter.sample().getBricks(0).getOnline());

        runner.timeOut(getState);
        NodeReport stillAlive = reporter.sample();
        alive.clear();
        NodeReport processGone = reporter.sample();

        assertEquals(List.of(), stillAlive.getBricksList(), "alive but unread: unknown, so left out");
        assertEquals(List.of(BrickReport.newBuilder().setVolume("vol1").setBrick("node1:/gluster/b1").setOnline(false)
                .setPid(-1).build()), processGone.getBricksList());
        assertTrue(processGone.getUnreadList().stream().anyMatch(part -> part.getPart() == ReportPart.REPORT_PART_BRICKS),
                processGone::toString);
    }

    @Test
    void glusterdRefusingTheConnectionIsNotRunningAndItsHealsAreUnread() throws Exception {
        PeriodicNodeReporter reporter = reporter(PeriodicNodeReporterTest::answers);
        reporter.sample();
        runner.exit(getState, 1, sample("no-glusterd-stdout.txt"));

        NodeReport report = reporter.sample();

        assertEquals(false, report.getGlusterdRunning());
        assertEquals(List.of(ReportPart.REPORT_PART_PEERS, ReportPart.REPORT_PART_BRICKS,
                ReportPart.REPORT_PART_HEALS), report.getUnreadList().stream().map(UnreadPart::getPart).toList());
        assertTrue(report.getUnreadList().stream().noneMatch(UnreadPart::getTimedOut), report::toString);
        assertEquals("vol1", report.getUnread(2).getVolume());
        assertEquals(1, runner.count(HEAL_VOL1), "heals are not asked of a glusterd that is not there");
    }

    @Test
    void aStateReadHungOnAGlusterdThatDiedIsGlusterdDownAtOnceNotUnknown() throws Exception {
        runner.blockUntil(getState, release, dumped);
        PeriodicNodeReporter reporter = reporter(PeriodicNodeReporterTest::answers, new ReportSettings(
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMillis(200)));
        NodeReport hung = reporter.sample();
        glusterdRefuses.set(true);

        NodeReport refused = reporter.sample();

        assertTrue(hung.getUnread(0).getTimedOut(), "no answer, socket accepting: unknown");
        assertEquals(false, refused.getGlusterdRunning());
        UnreadPart peers = refused.getUnread(0);
        assertEquals(ReportPart.REPORT_PART_PEERS, peers.getPart());
        assertEquals(false, peers.getTimedOut(), "a refused socket is an answer: glusterd is down");
        assertEquals("glusterd state (get-state): previous read still running; glusterd refuses connections on its"
                + " socket", peers.getReason());
        assertEquals(1, runner.count(getState));
    }

    @Test
    void aFailureOnTheAgentsOwnSideIsUnknownNotGlusterdDown() throws Exception {
        Files.createDirectories(dumpDir.getParent());
        Files.writeString(dumpDir, "a file where the dump directory should be");

        NodeReport report = reporter(PeriodicNodeReporterTest::answers).sample();

        UnreadPart peers = report.getUnread(0);
        assertEquals(ReportPart.REPORT_PART_PEERS, peers.getPart());
        assertTrue(peers.getTimedOut(), "unknown, so the coordinator keeps what it knew of glusterd");
        assertTrue(peers.getReason().contains(dumpDir + " is not a directory"), peers::getReason);
        assertEquals(0, runner.count(getState));
    }

    @Test
    void aBrickGlusterdStillCallsStartedWhoseProcessIsGoneIsOffline() throws Exception {
        deadPids.add(28136);

        NodeReport report = reporter(PeriodicNodeReporterTest::answers).sample();

        assertEquals(List.of(BrickReport.newBuilder().setVolume("vol1").setBrick("node1:/gluster/b1").setOnline(false)
                .setPid(-1).build()), report.getBricksList());
    }

    @Test
    void glusterdIsNotAskedWhileTheDiskReadHangs() throws Exception {
        CountDownLatch diskBack = new CountDownLatch(1);
        hostStats.hangUntil = diskBack;
        PeriodicNodeReporter reporter = reporter(PeriodicNodeReporterTest::answers, new ReportSettings(
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMillis(200)));
        reporter.sample(); // the disk read hangs from here on
        long asked = runner.count(getState);

        NodeReport held = reporter.sample();
        diskBack.countDown();

        assertEquals(asked, runner.count(getState), "not asked again while the disk read hangs");
        assertEquals(GlusterdReader.HELD_BACK, held.getUnread(0).getReason());
        assertTrue(held.getUnread(0).getTimedOut());
    }

    @Test
    void aHealReadThatTimesOutNamesItsVolume() throws Exception {
        runner.timeOut(HEAL_VOL1);

        NodeReport report = reporter(PeriodicNodeReporterTest::answers).sample();

        assertEquals(List.of(), report.getHealsList());
        assertEquals(List.of(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_HEALS).setVolume("vol1")
                .setTimedOut(true).setReason("gluster did not finish within 10000ms and was killed").build()),
                report.getUnreadList());
    }

    @Test
    void aReadThatAnsweredAfterItsReportIsUsedByTheNextOneInsteadOfBeingLost() throws Exception {
        runner.slow(getState, Duration.ofMillis(300), dumped);
        PeriodicNodeReporter reporter = reporter(PeriodicNodeReporterTest::answers, new ReportSettings(
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMillis(200)));

        NodeReport first = reporter.sample();
        Thread.sleep(500);
        NodeReport second = reporter.sample();

        // The host part may miss the 100 ms too on a loaded machine; it is not what this test is about.
        assertEquals(List.of(ReportPart.REPORT_PART_PEERS, ReportPart.REPORT_PART_BRICKS, ReportPart.REPORT_PART_HEALS),
                first.getUnreadList().stream().map(UnreadPart::getPart)
                        .filter(part -> part != ReportPart.REPORT_PART_HOST).toList());
        assertTrue(second.getUnreadList().stream().noneMatch(part -> part.getPart() == ReportPart.REPORT_PART_BRICKS),
                second::toString);
        assertEquals(1, second.getBricksCount());
        assertEquals(2, second.getPeersCount());
        assertEquals(2, runner.count(getState));
    }

    @Test
    void aNodeNotGivenAVolumesHealsDoesNotReadThem() throws Exception {
        PeriodicNodeReporter reporter = reporter(PeriodicNodeReporterTest::answers);
        reporter.watch(WATCH.toBuilder().clearHealVolumes().build());

        NodeReport report = reporter.sample();

        assertEquals(0, runner.count(HEAL_VOL1));
        assertEquals(List.of(), report.getHealsList());
        assertEquals(List.of(), report.getUnreadList(), "not this node's to read: neither read nor unread");
        assertEquals(1, report.getBricksCount(), "its own bricks are still reported");
    }

    @Test
    void aHealVolumeThatIsNotAVolumeNameIsNeverPassedToGluster() throws Exception {
        PeriodicNodeReporter reporter = reporter(PeriodicNodeReporterTest::answers);
        reporter.watch(WATCH.toBuilder().clearHealVolumes().addHealVolumes("--xml").addHealVolumes("../vol1")
                .addHealVolumes("vol1").addHealVolumes("vol1").build());

        reporter.sample();

        assertEquals(Set.of(getState, HEAL_VOL1), Set.copyOf(runner.calls()));
        assertEquals(1, runner.count(HEAL_VOL1), "a name given twice is read once");
    }

    @Test
    void aCompleteReportHasNothingUnread() throws Exception {
        NodeReport report = reporter(PeriodicNodeReporterTest::answers).sample();

        assertEquals(List.of(), report.getUnreadList());
    }

    /** Every path is a 1000-byte disk with 400 free and 100 inodes, 40 free; or a disk read that hangs. */
    private static final class FixedHostStats implements HostStats {
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
