package io.brickwork.agent.report;

import static io.brickwork.agent.report.ReportFixture.HEAL_VOL1;
import static io.brickwork.agent.report.ReportFixture.WATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.ReportPart;
import io.brickwork.proto.agent.v1.UnreadPart;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The heal part of a report: counts of the volumes the coordinator gave this node, each volume its own part. */
class HealReaderTest {
    @TempDir
    static Path tmp;
    @RegisterExtension
    final ReportFixture node = new ReportFixture(tmp);

    @Test
    void aBrickWithoutCountsIsAnErrorNotAZero() throws Exception {
        NodeReport report = node.reporter().sample();

        assertEquals(List.of("node1:/gluster/b1"), report.getHealsList().stream().map(heal -> heal.getBrick()).toList());
        assertEquals(List.of("heal vol1 node2:/gluster/b1: Failed to process entries completely. (Transport endpoint"
                + " is not connected)totalNumberOfEntries0"), report.getErrorsList());
        assertEquals(List.of(), report.getUnreadList(), "the volume was read");
    }

    @Test
    void aHealReadThatTimesOutNamesItsVolume() throws Exception {
        node.runner.timeOut(HEAL_VOL1);

        NodeReport report = node.reporter().sample();

        assertEquals(List.of(), report.getHealsList());
        assertEquals(List.of(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_HEALS).setVolume("vol1")
                .setUnknown(true).setReason("gluster did not finish within 10000ms and was killed").build()),
                report.getUnreadList());
        assertEquals(List.of("heal vol1: gluster did not finish within 10000ms and was killed"), report.getErrorsList());
    }

    @Test
    void aHealReadGlusterRefusesIsUnreadButNotTimedOut() throws Exception {
        node.runner.exit(HEAL_VOL1, 1, "");

        NodeReport report = node.reporter().sample();

        assertEquals(1, report.getUnreadCount(), report::toString);
        UnreadPart heals = report.getUnread(0);
        assertEquals(ReportPart.REPORT_PART_HEALS, heals.getPart());
        assertEquals("vol1", heals.getVolume());
        assertEquals(false, heals.getUnknown());
    }

    @Test
    void aNodeNotGivenAVolumesHealsDoesNotReadThem() throws Exception {
        PeriodicNodeReporter reporter = node.reporter();
        reporter.watch(WATCH.toBuilder().clearHealVolumes().build());

        NodeReport report = reporter.sample();

        assertEquals(0, node.runner.count(HEAL_VOL1));
        assertEquals(List.of(), report.getHealsList());
        assertEquals(List.of(), report.getUnreadList(), "not this node's to read: neither read nor unread");
        assertEquals(1, report.getBricksCount(), "its own bricks are still reported");
    }

    @Test
    void aHealVolumeThatIsNotAVolumeNameIsNeverPassedToGluster() throws Exception {
        PeriodicNodeReporter reporter = node.reporter();
        reporter.watch(WATCH.toBuilder().clearHealVolumes().addHealVolumes("--xml").addHealVolumes("../vol1")
                .addHealVolumes("vol1").addHealVolumes("vol1").build());

        reporter.sample();

        assertEquals(Set.of(node.getState, HEAL_VOL1), Set.copyOf(node.runner.calls()));
        assertEquals(1, node.runner.count(HEAL_VOL1), "a name given twice is read once");
    }
}
