package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.LocalGlusterd;
import io.brickwork.agent.system.Ticker;
import io.brickwork.proto.agent.v1.BrickReport;
import io.brickwork.proto.agent.v1.MountReport;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.WatchList;
import java.time.Duration;
import java.util.List;

/**
 * One whole report: starts the slow reads (host, glusterd, then heals) on their own threads,
 * reads the mounts meanwhile, and waits at most the read wait for all of them together.
 */
final class ReportSampler {
    private final MountReader mounts;
    private final GlusterdReader glusterd;
    private final HealReader heals;
    private final HostReader host;
    private final BrickTable bricks;
    private final Duration readWait;
    private final Ticker ticker;

    ReportSampler(MountReader mounts, GlusterdReader glusterd, HealReader heals, HostReader host, BrickTable bricks,
            Duration readWait, Ticker ticker) {
        this.mounts = requireNonNull(mounts, "mounts is null");
        this.glusterd = requireNonNull(glusterd, "glusterd is null");
        this.heals = requireNonNull(heals, "heals is null");
        this.host = requireNonNull(host, "host is null");
        this.bricks = requireNonNull(bricks, "bricks is null");
        this.readWait = requireNonNull(readWait, "readWait is null");
        this.ticker = requireNonNull(ticker, "ticker is null");
    }

    NodeReport sample(WatchList watching) throws InterruptedException {
        Deadline deadline = Deadline.in(readWait, ticker);
        // Each read's answer that came after its report gave up is taken now, before new reads start.
        OffThreadRead<LocalGlusterd.State>.Attempt glusterdRead = glusterd.attempt();
        OffThreadRead<HealReader.HealReadings>.Attempt healRead = heals.attempt();
        OffThreadRead<HostReader.HostFacts>.Attempt hostRead = host.attempt();
        // While the agent's own read of the brick file systems hangs, glusterd is not asked (see heldBack).
        boolean disksHang = !host.start(hostRead, watching.getBrickPathsList());
        if (!disksHang) {
            glusterd.start(glusterdRead);
        }
        long time = ticker.now().toEpochMilli();
        Reading<List<MountReport>> mountReading = mounts.read(watching.getMountPointsList());
        GlusterdReading glusterdReading = disksHang ? glusterd.heldBack() : glusterd.await(glusterdRead, deadline);
        List<BrickReport> brickReports = bricks.bricks(glusterdReading.state().part());
        // Only the volumes the coordinator gave this node: the counts are the same from every node.
        HealReader.HealReadings healReadings = heals.read(WatchEntries.volumeNames(watching.getHealVolumesList()),
                glusterdReading.state().part(), healRead, deadline);
        Reading<HostReader.HostFacts> hostReading = host.await(hostRead, deadline);
        return NodeReportAssembler.assemble(new NodeReportAssembler.Readings(time, mountReading, glusterdReading,
                brickReports, healReadings, hostReading));
    }
}
