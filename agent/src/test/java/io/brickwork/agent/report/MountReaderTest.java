package io.brickwork.agent.report;

import static io.brickwork.agent.report.ReportFixture.MOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.mount.MountEntry;
import io.brickwork.agent.mount.MountTable;
import io.brickwork.proto.agent.v1.MountReport;
import io.brickwork.proto.common.v1.MountState;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.ReportPart;
import io.brickwork.proto.agent.v1.UnreadPart;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The mount part of a report: what is mounted on each watched mount point, and whether it answers. */
class MountReaderTest {
    private static final List<String> WATCHED = List.of(MOUNT.toString());

    @TempDir
    static Path tmp;
    @RegisterExtension
    final ReportFixture node = new ReportFixture(tmp);

    private MountReader reader() {
        return new MountReader(() -> List.copyOf(node.mountTable), node.prober(ReportFixture::answers));
    }

    @Test
    void aGlusterfsMountThatAnswersIsOkWithItsOwners() throws Exception {
        Reading<List<MountReport>> reading = reader().read(WATCHED);

        assertEquals(new PartReading.Known<>(List.of(MountReport.newBuilder().setMountPoint("/mnt/vol1")
                .setState(MountState.MOUNT_STATE_OK).setSource("node1:/vol1").setOwner("app").setGroup("staff")
                .build())), reading.part());
        assertEquals(List.of(), reading.errors());
    }

    @Test
    void nothingMountedThereIsNotMounted() throws Exception {
        node.mountTable.clear();

        Reading<List<MountReport>> reading = reader().read(WATCHED);

        assertEquals(MountState.MOUNT_STATE_NOT_MOUNTED, reading.part().known().orElseThrow().get(0).getState());
    }

    @Test
    void anotherFileSystemThereIsTheWrongOne() throws Exception {
        node.mountTable.set(0, new MountEntry(MOUNT, "ext4", "/dev/sdb1"));

        Reading<List<MountReport>> reading = reader().read(WATCHED);

        assertEquals(List.of(MountReport.newBuilder().setMountPoint("/mnt/vol1").setState(MountState.MOUNT_STATE_WRONG_FS)
                .setSource("/dev/sdb1").build()), reading.part().known().orElseThrow());
    }

    @Test
    void aMountWhoseStatFailsIsHungAndSaysWhy() throws Exception {
        MountReader reader = new MountReader(() -> List.copyOf(node.mountTable), node.prober(mountPoint -> {
            throw new IOException("Transport endpoint is not connected");
        }));

        Reading<List<MountReport>> reading = reader.read(WATCHED);

        assertEquals(MountState.MOUNT_STATE_HUNG, reading.part().known().orElseThrow().get(0).getState());
        assertEquals(List.of("stat /mnt/vol1: Transport endpoint is not connected"), reading.errors());
    }

    @Test
    void aMountTableThatCannotBeReadLeavesTheMountsUnreadNotEmpty() throws Exception {
        MountReader reader = new MountReader(() -> {
            throw new IOException("/proc/self/mountinfo: permission denied");
        }, node.prober(ReportFixture::answers));

        Reading<List<MountReport>> reading = reader.read(WATCHED);

        assertEquals(new PartReading.Failed<>("mount table: /proc/self/mountinfo: permission denied"), reading.part());
    }

    @Test
    void anUnreadMountTableIsListedUnreadButNotTimedOut() throws Exception {
        MountTable unreadable = () -> {
            throw new IOException("no mount table");
        };
        PeriodicNodeReporter reporter = new PeriodicNodeReporter(new CliGlusterCli(node.runner), node.glusterd(),
                node.glusterdRefuses::get, unreadable, ReportFixture::answers, node.hostStats,
                pid -> true, ReportFixture.SETTINGS, node.scheduler, node.ticker);
        reporter.watch(ReportFixture.WATCH);

        NodeReport report = reporter.sample();

        assertEquals(List.of(), report.getMountsList());
        assertEquals(List.of(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_MOUNTS)
                .setReason("mount table: no mount table").build()), report.getUnreadList());
        assertTrue(report.getErrorsList().contains("mount table: no mount table"), report.getErrorsList()::toString);
    }

    @Test
    void aHungMountIsReportedHungWithoutHoldingTheReportOrProbingTwice() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        PeriodicNodeReporter reporter = node.reporter(mountPoint -> {
            probes.incrementAndGet();
            // Like a stat in D state: it returns when it returns.
            while (node.release.getCount() > 0) {
                try {
                    node.release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return ReportFixture.answers(mountPoint);
        }, ReportFixture.SETTINGS);

        long started = System.nanoTime();
        NodeReport first = reporter.sample();
        NodeReport second = reporter.sample();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(MountState.MOUNT_STATE_HUNG, first.getMounts(0).getState());
        assertEquals(MountState.MOUNT_STATE_HUNG, second.getMounts(0).getState());
        assertEquals(1, probes.get());
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "two reports took " + took);
    }
}
