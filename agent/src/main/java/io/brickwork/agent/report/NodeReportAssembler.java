package io.brickwork.agent.report;

import io.brickwork.agent.gluster.LocalGlusterd;
import io.brickwork.agent.gluster.Peer;
import io.brickwork.proto.agent.v1.BrickReport;
import io.brickwork.proto.agent.v1.HealReport;
import io.brickwork.proto.agent.v1.MountReport;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.PeerFact;
import io.brickwork.proto.agent.v1.ReportPart;
import io.brickwork.proto.agent.v1.UnreadPart;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one report's readings into the message. A part that is not known is left out and listed
 * in {@code unread} (timed_out when unknown, not when failed): the coordinator then knows it is
 * unknown, not empty. The readings' lines for people become {@code errors}.
 */
final class NodeReportAssembler {
    /** Every list in a report is capped: a report is small whatever the node looks like. */
    static final int MAX_ENTRIES = 256;
    static final int MAX_ERROR_LENGTH = 300;

    private NodeReportAssembler() {}

    /** One report's readings, in the order their errors and unread parts are listed. */
    record Readings(long timeUnixMs, Reading<List<MountReport>> mounts, GlusterdReading glusterd,
            List<BrickReport> bricks, HealReader.HealReadings heals, Reading<HostReader.HostFacts> host) {}

    static NodeReport assemble(Readings readings) {
        NodeReport.Builder report = NodeReport.newBuilder().setTimeUnixMs(readings.timeUnixMs());
        List<String> errors = new ArrayList<>();
        List<UnreadPart> unread = new ArrayList<>();

        Reading<List<MountReport>> mounts = readings.mounts();
        mounts.part().known().ifPresent(report::addAllMounts);
        unread(ReportPart.REPORT_PART_MOUNTS, "", mounts.part(), unread);
        errors.addAll(mounts.errors());

        // One read gives both the peer table and the bricks: unread, both are.
        Reading<LocalGlusterd.State> glusterd = readings.glusterd().state();
        errors.addAll(glusterd.errors());
        unread(ReportPart.REPORT_PART_PEERS, "", glusterd.part(), unread);
        unread(ReportPart.REPORT_PART_BRICKS, "", glusterd.part(), unread);
        report.setGlusterdRunning(readings.glusterd().running());
        glusterd.part().known().ifPresent(state -> report.addAllPeers(
                cap(state.peers().stream().map(NodeReportAssembler::peer).toList())));
        report.addAllBricks(readings.bricks());

        List<HealReport> heals = new ArrayList<>();
        for (HealReader.VolumeHeals volume : readings.heals().volumes()) {
            volume.counts().known().ifPresent(heals::addAll);
            unread(ReportPart.REPORT_PART_HEALS, volume.volume(), volume.counts(), unread);
        }
        report.addAllHeals(cap(heals));
        errors.addAll(readings.heals().errors());

        Reading<HostReader.HostFacts> host = readings.host();
        unread(ReportPart.REPORT_PART_HOST, "", host.part(), unread);
        host.part().known().ifPresent(facts -> {
            report.addAllDisks(cap(facts.disks()));
            report.setLoad1(facts.load1());
            report.setMemoryTotalBytes(facts.memory().totalBytes());
            report.setMemoryAvailableBytes(facts.memory().availableBytes());
        });
        errors.addAll(host.errors());

        report.addAllErrors(cap(errors.stream().map(NodeReportAssembler::shorten).toList()));
        report.addAllUnread(cap(unread));
        return report.build();
    }

    private static void unread(ReportPart part, String volume, PartReading<?> reading, List<UnreadPart> unread) {
        reading.missingReason().ifPresent(reason -> unread.add(UnreadPart.newBuilder().setPart(part).setVolume(volume)
                .setUnknown(reading instanceof PartReading.Unknown<?>).setReason(shorten(reason)).build()));
    }

    private static PeerFact peer(Peer peer) {
        return PeerFact.newBuilder().setUuid(peer.uuid()).setHostname(peer.hostname()).setConnected(peer.connected())
                .setState(peer.state()).build();
    }

    static <T> List<T> cap(List<T> list) {
        return list.size() <= MAX_ENTRIES ? list : list.subList(0, MAX_ENTRIES);
    }

    private static String shorten(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH - 3) + "...";
    }
}
