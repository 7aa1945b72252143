package io.brickwork.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.proto.agent.v1.BrickReport;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.ReportPart;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** This node's bricks: glusterd's table, corrected by the processes the agent sees itself. */
class BrickTableTest {
    private static final BrickReport OFFLINE = BrickReport.newBuilder().setVolume("vol1").setBrick("node1:/gluster/b1")
            .setOnline(false).setPid(-1).build();

    @TempDir
    static Path tmp;
    @RegisterExtension
    final ReportFixture node = new ReportFixture(tmp);

    @Test
    void aBrickGlusterdStillCallsStartedWhoseProcessIsGoneIsOffline() throws Exception {
        node.deadPids.add(28136);

        NodeReport report = node.reporter().sample();

        assertEquals(List.of(OFFLINE), report.getBricksList());
    }

    @Test
    void aBrickWhoseProcessEndedIsOfflineEvenWhenTheBrickTableCannotBeRead() throws Exception {
        PeriodicNodeReporter reporter = node.reporter();
        assertTrue(reporter.sample().getBricks(0).getOnline());

        node.runner.timeOut(node.getState);
        NodeReport stillAlive = reporter.sample();
        node.deadPids.add(28136);
        NodeReport processGone = reporter.sample();

        assertEquals(List.of(), stillAlive.getBricksList(), "alive but unread: unknown, so left out");
        assertEquals(List.of(OFFLINE), processGone.getBricksList());
        assertTrue(processGone.getUnreadList().stream().anyMatch(part -> part.getPart() == ReportPart.REPORT_PART_BRICKS),
                processGone::toString);
    }

    @Test
    void withoutAnyTableReadNoBrickIsReported() {
        BrickTable table = new BrickTable(pid -> false);

        assertEquals(List.of(), table.bricks(new PartReading.Unknown<>("glusterd state (get-state): no answer")));
    }
}
