package io.brickwork.coordinator.metrics;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.proto.coordinator.v1.BrickStatus;
import io.brickwork.proto.coordinator.v1.DiskStatus;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.common.v1.MountState;
import io.brickwork.proto.coordinator.v1.MountStatus;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import io.brickwork.proto.coordinator.v1.NodeState;
import io.brickwork.proto.coordinator.v1.PeerStatus;
import io.brickwork.proto.coordinator.v1.VolumeStatus;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The coordinator's Prometheus metrics. The cluster gauges are read from the health model at
 * scrape time, so a scrape shows exactly what GetStatus would; only the apply counters and the
 * duration histogram keep state of their own.
 */
public final class BrickworkMetrics implements ApplyRecorder {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final HealthModel model;
    private final Counter applyRuns;
    private final Counter applyFailures;
    private final Histogram applyDuration;

    public BrickworkMetrics(HealthModel model) {
        this.model = requireNonNull(model, "model is null");
        gauge("brickwork_node_up", "1 while the node's agent is connected and reporting (connected or stale).",
                (status, out) -> {
                    for (NodeInfo node : status.getNodesList()) {
                        out.call(node.getState() == NodeState.NODE_STATE_DOWN ? 0 : 1, node.getName());
                    }
                }, "node");
        gauge("brickwork_glusterd_up", "1 while glusterd runs on the node, as its agent last reported; absent while"
                        + " the agent's last read of glusterd's state did not answer (unknown).",
                (status, out) -> {
                    for (NodeInfo node : status.getNodesList()) {
                        if (reporting(node) && !node.getGlusterdStale()) {
                            out.call(node.getGlusterdRunning() ? 1 : 0, node.getName());
                        }
                    }
                }, "node");
        gauge("brickwork_gluster_tls_management", "1 while glusterd on the node speaks TLS (secure-access), as its agent"
                        + " last reported; absent while the node is not reporting.",
                (status, out) -> {
                    for (NodeInfo node : status.getNodesList()) {
                        if (reporting(node)) {
                            out.call(node.getGlusterTls().getManagement() ? 1 : 0, node.getName());
                        }
                    }
                }, "node");
        gauge("brickwork_gluster_certificate_expiry_timestamp_seconds", "When the node's gluster certificate expires"
                        + " (Unix time); absent where none is installed. Agents renew it when a third of its life is left.",
                (status, out) -> {
                    for (NodeInfo node : status.getNodesList()) {
                        if (reporting(node) && node.getGlusterTls().getCertificateNotAfterUnixMs() != 0) {
                            out.call(node.getGlusterTls().getCertificateNotAfterUnixMs() / 1000.0, node.getName());
                        }
                    }
                }, "node");
        gauge("brickwork_volume_tls", "1 while the volume's I/O path (bricks, clients, self-heal) is TLS.",
                (status, out) -> {
                    for (VolumeStatus volume : status.getVolumesList()) {
                        out.call(volume.getTls() ? 1 : 0, volume.getName());
                    }
                }, "volume");
        gauge("brickwork_peer_connected", "1 while the node sees the peer as connected.",
                (status, out) -> {
                    for (NodeInfo node : status.getNodesList()) {
                        for (PeerStatus peer : node.getPeersList()) {
                            out.call(peer.getConnected() ? 1 : 0, node.getName(), peer.getHostname());
                        }
                    }
                }, "node", "peer");
        gauge("brickwork_brick_online", "1 while the brick process is online; absent while its state is unknown"
                        + " (its node could not read it).",
                (status, out) -> {
                    for (VolumeStatus volume : status.getVolumesList()) {
                        for (BrickStatus brick : volume.getBrickStatusList()) {
                            if (!brick.getStateUnknown()) {
                                out.call(brick.getOnline() ? 1 : 0, volume.getName(), brick.getBrick());
                            }
                        }
                    }
                }, "volume", "brick");
        bricks("brickwork_heal_pending", "Entries pending heal on the brick.", BrickStatus::getHealPending);
        bricks("brickwork_split_brain", "Files in split-brain on the brick.", BrickStatus::getSplitBrain);
        gauge("brickwork_disk_free_bytes", "Free bytes of the file system holding the path.",
                (status, out) -> disks(status, (node, disk) -> out.call(disk.getFreeBytes(), node, disk.getPath())),
                "node", "path");
        gauge("brickwork_disk_inodes_free", "Free inodes of the file system holding the path.",
                (status, out) -> disks(status, (node, disk) -> out.call(disk.getInodesFree(), node, disk.getPath())),
                "node", "path");
        gauge("brickwork_mount_ok", "1 while the volume is mounted and answering at the mount point.",
                (status, out) -> {
                    for (MountStatus mount : status.getMountsList()) {
                        out.call(mount.getState() == MountState.MOUNT_STATE_OK ? 1 : 0, mount.getNode(),
                                mount.getMountPoint());
                    }
                }, "node", "mount");
        gauge("brickwork_report_age_seconds", "Seconds since the node's last report arrived.",
                (status, out) -> {
                    long now = model.clock().millis();
                    for (NodeInfo node : status.getNodesList()) {
                        if (node.getConnected() && node.getLastReportUnixMs() > 0) {
                            out.call(Math.max(0, now - node.getLastReportUnixMs()) / 1000.0, node.getName());
                        }
                    }
                }, "node");
        applyRuns = Counter.builder().name("brickwork_apply_runs").help("Applies run.").register(registry);
        applyFailures = Counter.builder().name("brickwork_apply_failures")
                .help("Applies that did not converge or verify.").register(registry);
        applyDuration = Histogram.builder().name("brickwork_apply_duration_seconds")
                .help("How long an apply took, verification included.")
                .classicOnly()
                .classicUpperBounds(1, 5, 10, 30, 60, 120, 300, 600, 1200)
                .register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void applied(boolean success, Duration duration) {
        applyRuns.inc();
        if (!success) {
            applyFailures.inc();
        }
        applyDuration.observe(duration.toNanos() / 1e9);
    }

    private interface Series {
        void collect(GetStatusResponse status, GaugeWithCallback.Callback out);
    }

    private void gauge(String name, String help, Series series, String... labels) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(labels)
                .callback(out -> series.collect(model.status(), out))
                .register(registry);
    }

    private void bricks(String name, String help, java.util.function.ToDoubleFunction<BrickStatus> value) {
        gauge(name, help, (status, out) -> {
            for (VolumeStatus volume : status.getVolumesList()) {
                for (BrickStatus brick : volume.getBrickStatusList()) {
                    out.call(value.applyAsDouble(brick), volume.getName(), brick.getBrick());
                }
            }
        }, "volume", "brick");
    }

    private static void disks(GetStatusResponse status, BiConsumer<String, DiskStatus> out) {
        for (NodeInfo node : status.getNodesList()) {
            node.getDisksList().forEach(disk -> out.accept(node.getName(), disk));
        }
    }

    private static boolean reporting(NodeInfo node) {
        return node.getState() != NodeState.NODE_STATE_DOWN && node.getLastReportUnixMs() > 0;
    }
}
