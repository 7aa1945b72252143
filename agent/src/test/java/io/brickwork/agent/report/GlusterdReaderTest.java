package io.brickwork.agent.report;

import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static io.brickwork.agent.report.ReportFixture.HEAL_VOL1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.ReportPart;
import io.brickwork.proto.agent.v1.UnreadPart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The glusterd part of a report: peers and bricks from one get-state, and whether glusterd runs. */
class GlusterdReaderTest {
    @TempDir
    static Path tmp;
    @RegisterExtension
    final ReportFixture node = new ReportFixture(tmp);

    @Test
    void aTimedOutGlusterdStateLeavesPeersAndBricksUnreadNotOfflineAndHealsUnasked() throws Exception {
        node.runner.timeOut(node.getState);

        NodeReport report = node.reporter().sample();

        assertEquals(List.of(), report.getBricksList());
        assertEquals(List.of(), report.getPeersList());
        String reason = "glusterd state (get-state): gluster did not finish within 10000ms and was killed";
        UnreadPart peers = UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_PEERS).setUnknown(true)
                .setReason(reason).build();
        assertEquals(List.of(peers, peers.toBuilder().setPart(ReportPart.REPORT_PART_BRICKS).build(),
                peers.toBuilder().setPart(ReportPart.REPORT_PART_HEALS).setVolume("vol1").setReason("not read: " + reason)
                        .build()), report.getUnreadList());
        assertEquals(0, node.runner.count(HEAL_VOL1));
    }

    @Test
    void aStateGlusterdRefusedToDumpIsUnreadButNotTimedOutAndGlusterdIsRunning() throws Exception {
        node.runner.exit(node.getState, 1, "Failed to get daemon state: Output directory " + node.dumpDir
                + " does not exist.");

        NodeReport report = node.reporter().sample();

        assertEquals(List.of(), report.getBricksList());
        assertTrue(report.getGlusterdRunning(), "glusterd answered");
        assertEquals(List.of(ReportPart.REPORT_PART_PEERS, ReportPart.REPORT_PART_BRICKS, ReportPart.REPORT_PART_HEALS),
                report.getUnreadList().stream().map(UnreadPart::getPart).toList());
        assertTrue(report.getUnreadList().stream().noneMatch(UnreadPart::getUnknown), report::toString);
        assertTrue(report.getUnread(0).getReason().contains("Failed to get daemon state"), report.getUnread(0)::toString);
    }

    @Test
    void glusterdRefusingTheConnectionIsNotRunningAndItsHealsAreUnread() throws Exception {
        PeriodicNodeReporter reporter = node.reporter();
        reporter.sample();
        node.runner.exit(node.getState, 1, sample("no-glusterd-stdout.txt"));

        NodeReport report = reporter.sample();

        assertEquals(false, report.getGlusterdRunning());
        assertEquals(List.of(ReportPart.REPORT_PART_PEERS, ReportPart.REPORT_PART_BRICKS,
                ReportPart.REPORT_PART_HEALS), report.getUnreadList().stream().map(UnreadPart::getPart).toList());
        assertTrue(report.getUnreadList().stream().noneMatch(UnreadPart::getUnknown), report::toString);
        assertEquals("vol1", report.getUnread(2).getVolume());
        assertEquals(1, node.runner.count(HEAL_VOL1), "heals are not asked of a glusterd that is not there");
    }

    @Test
    void aSlowGlusterCallIsNotStartedAgainButReportedAsAnError() throws Exception {
        node.runner.blockUntil(node.getState, node.release, node.dumped);
        PeriodicNodeReporter reporter = node.reporter(ReportFixture.SHORT_WAIT);

        NodeReport first = reporter.sample();
        NodeReport second = reporter.sample();

        assertTrue(first.getErrorsList().contains("glusterd state (get-state): no answer within 100 ms"),
                first.getErrorsList()::toString);
        assertTrue(second.getErrorsList().contains("glusterd state (get-state): previous read still running; skipped"),
                second.getErrorsList()::toString);
        assertEquals(false, second.getGlusterdRunning());
        assertEquals(1, node.runner.count(node.getState));
    }

    @Test
    void aStateReadHungOnAGlusterdThatDiedIsGlusterdDownAtOnceNotUnknown() throws Exception {
        node.runner.blockUntil(node.getState, node.release, node.dumped);
        PeriodicNodeReporter reporter = node.reporter(ReportFixture.SHORT_WAIT);
        NodeReport hung = reporter.sample();
        node.glusterdRefuses.set(true);

        NodeReport refused = reporter.sample();

        assertTrue(hung.getUnread(0).getUnknown(), "no answer, socket accepting: unknown");
        assertEquals(false, refused.getGlusterdRunning());
        UnreadPart peers = refused.getUnread(0);
        assertEquals(ReportPart.REPORT_PART_PEERS, peers.getPart());
        assertEquals(false, peers.getUnknown(), "a refused socket is an answer: glusterd is down");
        assertEquals("glusterd state (get-state): previous read still running; glusterd refuses connections on its"
                + " socket", peers.getReason());
        assertEquals(1, node.runner.count(node.getState));
    }

    @Test
    void aFailureOnTheAgentsOwnSideIsUnknownNotGlusterdDown() throws Exception {
        Files.createDirectories(node.dumpDir.getParent());
        Files.writeString(node.dumpDir, "a file where the dump directory should be");

        NodeReport report = node.reporter().sample();

        UnreadPart peers = report.getUnread(0);
        assertEquals(ReportPart.REPORT_PART_PEERS, peers.getPart());
        assertTrue(peers.getUnknown(), "unknown, so the coordinator keeps what it knew of glusterd");
        assertTrue(peers.getReason().contains(node.dumpDir + " is not a directory"), peers::getReason);
        assertEquals(0, node.runner.count(node.getState));
    }

    @Test
    void glusterdIsNotAskedWhileTheDiskReadHangs() throws Exception {
        CountDownLatch diskBack = new CountDownLatch(1);
        node.hostStats.hangUntil = diskBack;
        PeriodicNodeReporter reporter = node.reporter(ReportFixture.SHORT_WAIT);
        reporter.sample(); // the disk read hangs from here on
        long asked = node.runner.count(node.getState);

        NodeReport held = reporter.sample();
        diskBack.countDown();

        assertEquals(asked, node.runner.count(node.getState), "not asked again while the disk read hangs");
        assertEquals(GlusterdReader.HELD_BACK, held.getUnread(0).getReason());
        assertTrue(held.getUnread(0).getUnknown());
    }

    @Test
    void glusterdHeldBackWhileItsSocketRefusesIsDown() {
        node.glusterdRefuses.set(true);
        GlusterdReader reader = new GlusterdReader(node.glusterd(), node.glusterdRefuses::get,
                ReportFixture.SETTINGS.glusterTimeout());

        GlusterdReading reading = reader.heldBack();

        assertEquals(new PartReading.Failed<>(GlusterdReader.HELD_BACK + GlusterdReader.REFUSES),
                reading.state().part());
        assertEquals(false, reading.running());
        assertEquals(List.of(GlusterdReader.HELD_BACK), reading.state().errors(), "the error says what happened");
    }
}
