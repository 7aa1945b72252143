package io.brickwork.coordinator.testing;

import io.brickwork.proto.agent.v1.BrickReport;
import io.brickwork.proto.agent.v1.DiskReport;
import io.brickwork.proto.agent.v1.HealReport;
import io.brickwork.proto.agent.v1.MountReport;
import io.brickwork.proto.common.v1.MountState;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.PeerFact;

/** Node reports for the staging spec (volume staging-gfs, brick /gluster/brick, mount /mnt on node1..3). */
public final class Reports {
    public static final String VOLUME = "staging-gfs";
    public static final String BRICK = "/gluster/brick";
    public static final String MOUNT = "/mnt";

    private Reports() {}

    /** Everything as specified, seen from {@code node}. */
    public static NodeReport healthy(String node) {
        NodeReport.Builder report = NodeReport.newBuilder()
                .setTimeUnixMs(1)
                .setGlusterdRunning(true)
                .addDisks(DiskReport.newBuilder().setPath("/").setTotalBytes(100_000_000_000L)
                        .setFreeBytes(60_000_000_000L).setInodesTotal(6_000_000).setInodesFree(5_000_000))
                .setLoad1(0.25)
                .setMemoryTotalBytes(8L << 30)
                .setMemoryAvailableBytes(4L << 30)
                .addBricks(BrickReport.newBuilder().setVolume(VOLUME).setBrick(node + ":" + BRICK)
                        .setOnline(true).setPort(49152).setPid(1234))
                .addHeals(HealReport.newBuilder().setVolume(VOLUME).setBrick(node + ":" + BRICK))
                .addMounts(MountReport.newBuilder().setMountPoint(MOUNT).setState(MountState.MOUNT_STATE_OK)
                        .setSource("localhost:/" + VOLUME).setOwner("root").setGroup("docker"));
        for (String peer : new String[] {"node1", "node2", "node3"}) {
            if (!peer.equals(node)) {
                report.addPeers(PeerFact.newBuilder().setHostname(peer).setConnected(true)
                        .setState("Peer in Cluster"));
            }
        }
        return report.build();
    }

    public static NodeReport brickOffline(String node) {
        NodeReport healthy = healthy(node);
        return healthy.toBuilder().setBricks(0, healthy.getBricks(0).toBuilder().setOnline(false).setPort(0).setPid(-1))
                .build();
    }

    public static NodeReport heals(String node, long pending, long splitBrain) {
        NodeReport healthy = healthy(node);
        return healthy.toBuilder().setHeals(0, healthy.getHeals(0).toBuilder().setPending(pending)
                .setSplitBrain(splitBrain)).build();
    }

    public static NodeReport mount(String node, MountState state) {
        NodeReport healthy = healthy(node);
        MountReport.Builder mount = healthy.getMounts(0).toBuilder().setState(state);
        if (state == MountState.MOUNT_STATE_NOT_MOUNTED) {
            mount.clearSource();
        }
        return healthy.toBuilder().setMounts(0, mount).build();
    }
}
