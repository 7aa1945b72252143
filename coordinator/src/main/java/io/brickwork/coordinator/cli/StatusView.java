package io.brickwork.coordinator.cli;

import io.brickwork.proto.coordinator.v1.BrickStatus;
import io.brickwork.proto.coordinator.v1.DiskStatus;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.Health;
import io.brickwork.proto.coordinator.v1.MountStatus;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import io.brickwork.proto.coordinator.v1.Problem;
import io.brickwork.proto.coordinator.v1.StorageLabel;
import io.brickwork.proto.coordinator.v1.ReplicaSetZones;
import io.brickwork.proto.coordinator.v1.VolumeStatus;
import java.io.PrintWriter;
import java.util.List;
import java.time.Instant;
import java.util.Locale;

/** The status table for people: compact, one section per kind, colors only on a terminal. */
final class StatusView {
    private static final int BAR = 20;

    private final boolean color;

    StatusView(boolean color) {
        this.color = color;
    }

    /** 0 healthy, 3 degraded, 4 failed: what cron and a Swarm healthcheck act on. */
    static int exitCode(GetStatusResponse status) {
        return switch (status.getHealth()) {
            case HEALTH_HEALTHY -> ExitCodes.OK;
            case HEALTH_FAILED -> ExitCodes.FAILED_HEALTH;
            default -> ExitCodes.UNHEALTHY;
        };
    }

    void print(PrintWriter out, GetStatusResponse status) {
        out.printf("cluster %s (manager %s): %s%n", orDash(status.getCluster()), orDash(status.getManager()),
                health(status.getHealth()));
        out.println();
        out.printf("%-12s %-10s %-9s %-6s %-8s %s%n", "NODE", "STATE", "GLUSTERD", "LOAD", "REPORT", "ADDRESSES");
        long now = System.currentTimeMillis();
        for (NodeInfo node : status.getNodesList()) {
            String state = node.getState().name().replace("NODE_STATE_", "").toLowerCase(Locale.ROOT);
            out.printf("%-12s %-10s %-9s %-6s %-8s %s%n", node.getName(), paint(state, !state.equals("connected")),
                    node.getLastReportUnixMs() == 0 ? "-" : node.getGlusterdRunning() ? "up" : paint("DOWN", true),
                    node.getLastReportUnixMs() == 0 ? "-" : String.format("%.2f", node.getLoad1()),
                    node.getLastReportUnixMs() == 0 ? "-" : ((now - node.getLastReportUnixMs()) / 1000) + "s ago",
                    String.join(", ", node.getAddressesList()));
        }
        if (status.getNodesList().stream().anyMatch(node -> node.getGlusterTls().getManagement()
                || node.getGlusterTls().getCertificateNotAfterUnixMs() != 0)) {
            out.println();
            out.printf("%-12s %-15s %s%n", "NODE", "GLUSTER TLS", "CERTIFICATE UNTIL");
            for (NodeInfo node : status.getNodesList()) {
                long until = node.getGlusterTls().getCertificateNotAfterUnixMs();
                out.printf("%-12s %-15s %s%n", node.getName(), node.getGlusterTls().getManagement() ? "on" : paint("off", true),
                        until == 0 ? paint("none", true) : paint(Instant.ofEpochMilli(until).toString(), until <= now));
            }
        }
        for (VolumeStatus volume : status.getVolumesList()) {
            out.println();
            out.printf("volume %s: %s, replica %d, %s%s%n", volume.getName(), orDash(volume.getType()), volume.getReplica(),
                    health(volume.getHealth()), volume.getTls() ? ", TLS" : "");
            if (volume.getDirectoriesCount() > 0) {
                out.printf("  directories on the volume: %s%n", String.join(", ", volume.getDirectoriesList()));
            }
            for (int set = 0; set < volume.getReplicaSetsCount(); set++) {
                ReplicaSetZones zones = volume.getReplicaSets(set);
                boolean shared = zones.getDistinctZones() < zones.getBricksCount();
                out.printf("  replica set %d: %s in %s%n", set + 1, String.join(" ", zones.getBricksList()),
                        paint(zones.getDistinctZones() + " zone" + (zones.getDistinctZones() == 1 ? "" : "s") + " ("
                                + String.join(", ", zones.getZonesList()) + ")", shared));
            }
            out.printf("  %-28s %-8s %-6s %-8s %s%n", "BRICK", "ONLINE", "PORT", "HEAL", "SPLIT-BRAIN");
            for (BrickStatus brick : volume.getBrickStatusList()) {
                out.printf("  %-28s %-8s %-6s %-8s %s%n", brick.getBrick(), online(brick),
                        brick.getPort() == 0 ? "-" : Integer.toString(brick.getPort()),
                        brick.getHealPending() == 0 ? "0" : paint(Long.toString(brick.getHealPending()), true),
                        brick.getSplitBrain() == 0 ? "0" : paint(Long.toString(brick.getSplitBrain()), true));
            }
        }
        if (status.getStorageLabelsCount() > 0) {
            out.println();
            out.printf("%-12s %-16s %-10s %-10s %s%n", "NODE", "VOLUME", "STORAGE", "LABEL", "WHY");
            for (StorageLabel label : status.getStorageLabelsList()) {
                out.printf("%-12s %-16s %-10s %-10s %s%n", label.getNode(), label.getVolume(),
                        paint(label.getReady() ? "ready" : "not ready", !label.getReady()),
                        label.getLabelled() ? "ready" : "-", label.getReason());
            }
        }
        if (status.getMountsCount() > 0) {
            out.println();
            out.printf("%-12s %-12s %-14s %-14s %s%n", "NODE", "MOUNT", "STATE", "OWNER", "USED");
            for (MountStatus mount : status.getMountsList()) {
                String state = mount.getState().name().replace("MOUNT_STATE_", "").toLowerCase(Locale.ROOT);
                out.printf("%-12s %-12s %-14s %-14s %s%n", mount.getNode(), mount.getMountPoint(),
                        paint(state, !state.equals("ok")), mount.getOwner() + ":" + mount.getGroup(),
                        used(mount.getSizeBytes(), mount.getFreeBytes()));
            }
        }
        boolean anyDisk = status.getNodesList().stream().anyMatch(node -> node.getDisksCount() > 0);
        if (anyDisk) {
            out.println();
            out.printf("%-12s %-20s %-36s %s%n", "NODE", "DISK", "USED", "INODES FREE");
            for (NodeInfo node : status.getNodesList()) {
                for (DiskStatus disk : node.getDisksList()) {
                    out.printf("%-12s %-20s %-36s %d%n", node.getName(), disk.getPath(),
                            used(disk.getTotalBytes(), disk.getFreeBytes()), disk.getInodesFree());
                }
            }
        }
        out.println();
        List<String> problems = problemTexts(status);
        if (problems.isEmpty()) {
            out.println(status.getHealth() == Health.HEALTH_HEALTHY ? "healthy: everything is as specified" : "");
        } else {
            for (String problem : problems) {
                out.println(paint("problem: ", true) + problem);
            }
        }
    }

    /** The typed problems' sentences; a coordinator that sends no typed problems sends the sentences alone. */
    private static List<String> problemTexts(GetStatusResponse status) {
        if (status.getProblemDetailsCount() == 0) {
            return status.getProblemsList();
        }
        return status.getProblemDetailsList().stream().map(Problem::getText).toList();
    }

    private String health(Health health) {
        String text = health.name().replace("HEALTH_", "");
        return switch (health) {
            case HEALTH_HEALTHY -> color ? "\u001b[32m" + text + "\u001b[0m" : text;
            case HEALTH_UNSPECIFIED -> "UNKNOWN";
            default -> paint(text, true);
        };
    }

    private String paint(String text, boolean bad) {
        return color && bad ? "\u001b[31m" + text + "\u001b[0m" : text;
    }

    /** "[#######.............] 35% of 252.0 GiB" */
    private static String used(long total, long free) {
        if (total == 0) {
            return "-";
        }
        double fraction = (double) (total - free) / total;
        int filled = (int) Math.round(fraction * BAR);
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] "
                + String.format("%2.0f%% of %s", fraction * 100, human(total));
    }

    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }

    private static String orDash(String text) {
        return text.isEmpty() ? "-" : text;
    }

    /** "?" when nothing is known (never read, or too old): unknown is not offline. A stale value gets a "~". */
    private String online(BrickStatus brick) {
        if (brick.getStateUnknown()) {
            return paint("?", true);
        }
        String shown = brick.getOnline() ? "yes" : paint("NO", true);
        return brick.getStateStale() ? shown + "~" : shown;
    }
}
