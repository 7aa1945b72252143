package io.brickwork.agent.report;

import static io.brickwork.agent.report.ReportFixture.HEAL_VOL1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.proto.agent.v1.BrickReport;
import io.brickwork.proto.agent.v1.HealReport;
import io.brickwork.proto.agent.v1.MountReport;
import io.brickwork.proto.common.v1.MountState;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.ReportPart;
import io.brickwork.proto.agent.v1.UnreadPart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** One whole report: every part read, waited for together, assembled. */
class ReportSamplerTest {
    @TempDir
    static Path tmp;
    @RegisterExtension
    final ReportFixture node = new ReportFixture(tmp);

    @Test
    void reportIsAssembledFromEverySource() throws Exception {
        NodeReport report = node.reporter().sample();

        // The sample's second brick was down: it has no counts, so it is an error, not a zero.
        assertEquals(List.of("heal vol1 node2:/gluster/b1: Failed to process entries completely. (Transport endpoint"
                + " is not connected)totalNumberOfEntries0"), report.getErrorsList());
        assertEquals(node.ticker.now().toEpochMilli(), report.getTimeUnixMs());
        assertTrue(report.getGlusterdRunning());
        assertEquals(List.of("node2", "node3"), report.getPeersList().stream().map(peer -> peer.getHostname()).toList());
        assertEquals(List.of(BrickReport.newBuilder().setVolume("vol1").setBrick("node1:/gluster/b1").setOnline(true)
                .setPort(52362).setPid(28136).build()), report.getBricksList());
        assertEquals(List.of(HealReport.newBuilder().setVolume("vol1").setBrick("node1:/gluster/b1").setPending(6)
                .build()), report.getHealsList());
        assertEquals(List.of(ReportFixture.FixedHostStats.disk("/"), ReportFixture.FixedHostStats.disk("/gluster/b1")),
                report.getDisksList());
        assertEquals(0.5, report.getLoad1());
        assertEquals(8000, report.getMemoryTotalBytes());
        assertEquals(3000, report.getMemoryAvailableBytes());
        assertEquals(List.of(MountReport.newBuilder().setMountPoint("/mnt/vol1").setState(MountState.MOUNT_STATE_OK)
                .setSource("node1:/vol1").setOwner("app").setGroup("staff").build()), report.getMountsList());
        assertEquals(Set.of(node.getState, HEAL_VOL1), Set.copyOf(node.runner.calls()));
    }

    @Test
    void aCompleteReportHasNothingUnread() throws Exception {
        NodeReport report = node.reporter().sample();

        assertEquals(List.of(), report.getUnreadList());
    }

    @Test
    void aReadThatAnsweredAfterItsReportIsUsedByTheNextOneInsteadOfBeingLost() throws Exception {
        node.runner.slow(node.getState, Duration.ofMillis(300), node.dumped);
        PeriodicNodeReporter reporter = node.reporter(ReportFixture.SHORT_WAIT);

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
        assertEquals(2, node.runner.count(node.getState));
    }
}
