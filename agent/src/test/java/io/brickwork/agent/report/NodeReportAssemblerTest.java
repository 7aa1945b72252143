package io.brickwork.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brickwork.agent.gluster.LocalGlusterd;
import io.brickwork.proto.agent.v1.MountReport;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.ReportPart;
import io.brickwork.proto.agent.v1.UnreadPart;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How readings become the message the coordinator reads. */
class NodeReportAssemblerTest {
    private static final Reading<List<MountReport>> NO_MOUNTS = Reading.known(List.of(), List.of());
    private static final HealReader.HealReadings NO_HEALS = new HealReader.HealReadings(List.of(), List.of());
    private static final Reading<HostReader.HostFacts> HOST = Reading.known(new HostReader.HostFacts(List.of(), 0.5,
            new HostStats.Memory(8000, 3000), List.of()), List.of());
    private static final Reading<LocalGlusterd.State> STATE = Reading.known(new LocalGlusterd.State(List.of(),
            List.of()), List.of());

    private static NodeReport assemble(GlusterdReading glusterd, HealReader.HealReadings heals,
            Reading<HostReader.HostFacts> host) {
        return NodeReportAssembler.assemble(new NodeReportAssembler.Readings(42, NO_MOUNTS, glusterd, List.of(), heals,
                host));
    }

    @Test
    void anUnknownPartIsUnreadAndTimedOut() {
        NodeReport report = assemble(new GlusterdReading(STATE, true), NO_HEALS, Reading.unknown("host: no answer"));

        assertEquals(List.of(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_HOST).setUnknown(true)
                .setReason("host: no answer").build()), report.getUnreadList());
        assertEquals(List.of("host: no answer"), report.getErrorsList());
    }

    @Test
    void aFailedPartIsUnreadButNotTimedOut() {
        NodeReport report = assemble(new GlusterdReading(STATE, true), NO_HEALS, Reading.failed("host: broken"));

        assertEquals(List.of(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_HOST).setReason("host: broken")
                .build()), report.getUnreadList());
    }

    @Test
    void anUnreadGlusterdStateLeavesPeersAndBricksUnread() {
        NodeReport report = assemble(new GlusterdReading(Reading.failed("get-state: Connection failed"), false),
                NO_HEALS, HOST);

        assertEquals(List.of(ReportPart.REPORT_PART_PEERS, ReportPart.REPORT_PART_BRICKS),
                report.getUnreadList().stream().map(UnreadPart::getPart).toList());
        assertEquals(false, report.getGlusterdRunning());
    }

    @Test
    void glusterdThatAnsweredWithoutItsStateRuns() {
        NodeReport report = assemble(new GlusterdReading(Reading.failed("get-state: could not write"), true),
                NO_HEALS, HOST);

        assertEquals(true, report.getGlusterdRunning());
    }

    @Test
    void eachVolumeOfHealsIsItsOwnPart() {
        HealReader.HealReadings heals = new HealReader.HealReadings(List.of(
                new HealReader.VolumeHeals("vol1", new PartReading.Known<>(List.of())),
                new HealReader.VolumeHeals("vol2", new PartReading.Unknown<>("timed out"))), List.of());

        NodeReport report = assemble(new GlusterdReading(STATE, true), heals, HOST);

        assertEquals(List.of(UnreadPart.newBuilder().setPart(ReportPart.REPORT_PART_HEALS).setVolume("vol2")
                .setUnknown(true).setReason("timed out").build()), report.getUnreadList());
    }

    @Test
    void longErrorsAndReasonsAreShortened() {
        String longReason = "x".repeat(1000);

        NodeReport report = assemble(new GlusterdReading(STATE, true), NO_HEALS, Reading.unknown(longReason));

        assertEquals("x".repeat(297) + "...", report.getErrors(0));
        assertEquals("x".repeat(297) + "...", report.getUnread(0).getReason());
    }

    @Test
    void errorsAreCapped() {
        HostReader.HostFacts facts = new HostReader.HostFacts(List.of(), 0.5, new HostStats.Memory(8000, 3000),
                Collections.nCopies(300, "disk /x: gone"));

        NodeReport report = assemble(new GlusterdReading(STATE, true), NO_HEALS,
                HostReader.reading(new ReadOutcome.Answered<>(facts)));

        assertEquals(NodeReportAssembler.MAX_ENTRIES, report.getErrorsCount());
    }

    @Test
    void aGlusterdReadingThatContradictsItselfIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new GlusterdReading(STATE, false));
        assertThrows(IllegalArgumentException.class,
                () -> new GlusterdReading(Reading.unknown("no answer"), true));
    }
}
