package io.brickwork.coordinator.cli;

import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.brickwork.proto.coordinator.v1.GetStatusRequest;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.MountStatus;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import io.brickwork.proto.coordinator.v1.PeerStatus;
import io.brickwork.proto.coordinator.v1.VolumeStatus;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "Nodes, peers, volumes and mounts, read live from GlusterFS. Exit 0 as specified, 3 not.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        ManagedChannel channel = client.channel();
        try {
            GetStatusResponse status = CoordinatorGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getStatus(GetStatusRequest.getDefaultInstance());
            if (client.json()) {
                out.println(Output.json(status));
            } else {
                print(out, status);
            }
            return status.getProblemsCount() == 0 ? ExitCodes.OK : ExitCodes.UNHEALTHY;
        } finally {
            ClientOptions.close(channel);
        }
    }

    private static void print(PrintWriter out, GetStatusResponse status) {
        out.printf("cluster %s (manager %s)%n", status.getCluster().isEmpty() ? "-" : status.getCluster(),
                status.getManager().isEmpty() ? "-" : status.getManager());
        out.println();
        out.printf("%-16s %-12s %s%n", "NODE", "AGENT", "ADDRESSES");
        for (NodeInfo node : status.getNodesList()) {
            out.printf("%-16s %-12s %s%n", node.getName(), node.getConnected() ? "connected" : "DOWN",
                    String.join(", ", node.getAddressesList()));
        }
        if (status.getPeersCount() > 0) {
            out.println();
            out.printf("%-16s %s%n", "PEER", "STATE");
            for (PeerStatus peer : status.getPeersList()) {
                out.printf("%-16s %s%s%n", peer.getHostname(), peer.getState(), peer.getConnected() ? " (Connected)" : " (Disconnected)");
            }
        }
        for (VolumeStatus volume : status.getVolumesList()) {
            out.println();
            out.printf("volume %s: %s %s, replica %d%n", volume.getName(), volume.getType(), volume.getStatus(),
                    volume.getReplica());
            for (String brick : volume.getBricksList()) {
                out.println("  brick " + brick);
            }
        }
        if (status.getMountsCount() > 0) {
            out.println();
            out.printf("%-16s %-12s %-24s %-14s %s%n", "NODE", "MOUNT", "SOURCE", "OWNER", "USED");
            for (MountStatus mount : status.getMountsList()) {
                String used = mount.getSizeBytes() == 0 ? "-" : String.format("%.0f%% of %s",
                        100.0 * (mount.getSizeBytes() - mount.getFreeBytes()) / mount.getSizeBytes(),
                        human(mount.getSizeBytes()));
                out.printf("%-16s %-12s %-24s %-14s %s%n", mount.getNode(), mount.getMountPoint(),
                        mount.getMounted() ? mount.getSource() : "NOT MOUNTED",
                        mount.getOwner() + ":" + mount.getGroup(), used);
            }
        }
        out.println();
        if (status.getProblemsCount() == 0) {
            out.println("healthy: everything is as specified");
        } else {
            for (String problem : status.getProblemsList()) {
                out.println("problem: " + problem);
            }
        }
    }

    private static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }
}
