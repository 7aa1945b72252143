package io.brickwork.lab.bench;

import io.brickwork.proto.agent.v1.BrickReport;
import io.brickwork.proto.agent.v1.DiskReport;
import io.brickwork.proto.agent.v1.HealReport;
import io.brickwork.proto.agent.v1.Hello;
import io.brickwork.proto.agent.v1.MountReport;
import io.brickwork.proto.common.v1.MountState;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.PeerFact;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * The pool the simulated agents make up, and the spec it was applied with: volume "shared"
 * (replica 2 over every node) and volume "scratch" (replica 2 over the first half). Every node
 * reports one mount, its one or two bricks with their heal counts, three peers and three disks,
 * so the status has real work to do (every brick matched, every heal summed) without reports
 * of a size no real node sends.
 */
final class SimulatedPool {
    static final String SHARED_BRICK = "/gluster/shared";
    static final String SCRATCH_BRICK = "/gluster/scratch";
    static final String SHARED_MOUNT = "/mnt/shared";
    private static final int PEERS_PER_REPORT = 3;
    private static final long GIB = 1L << 30;

    private final List<String> nodes;
    private final int scratchNodes;

    SimulatedPool(int size) {
        if (size < 2) {
            throw new IllegalArgumentException("a replica-2 pool needs at least 2 nodes, not " + size);
        }
        this.nodes = IntStream.rangeClosed(1, size).mapToObj(i -> String.format("node-%04d", i)).toList();
        // Replica 2 needs whole pairs.
        this.scratchNodes = Math.max(2, size / 2 / 2 * 2);
    }

    List<String> nodes() {
        return nodes;
    }

    String node(int index) {
        return nodes.get(index);
    }

    /** As the coordinator stores an applied spec (state-dir/applied-spec.conf). */
    String appliedSpec() {
        return "cluster {\n"
                + "  name = bench\n"
                + "  manager = " + nodes.get(0) + "\n"
                + "  nodes = [" + String.join(", ", nodes) + "]\n"
                + "}\n"
                + "volumes = [{\n"
                + "  name = shared\n"
                + "  replica = 2\n"
                + "  brick = \"" + SHARED_BRICK + "\"\n"
                + "  mount { path = \"" + SHARED_MOUNT + "\", owner = root, group = docker }\n"
                + "}, {\n"
                + "  name = scratch\n"
                + "  replica = 2\n"
                + "  nodes = [" + String.join(", ", nodes.subList(0, scratchNodes)) + "]\n"
                + "  brick = \"" + SCRATCH_BRICK + "\"\n"
                + "  mount { path = \"/mnt/scratch\", owner = root, group = docker }\n"
                + "}]\n";
    }

    Hello hello(int index) {
        return Hello.newBuilder()
                .setNodeName(nodes.get(index))
                .setAgentVersion("bench")
                .setHostname(nodes.get(index))
                .addAddresses(address(index))
                .build();
    }

    /** Fresh figures each time, as a real node's load and free space move between reports. */
    NodeReport report(int index) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String node = nodes.get(index);
        NodeReport.Builder report = NodeReport.newBuilder()
                .setTimeUnixMs(System.currentTimeMillis())
                .setGlusterdRunning(true)
                .addDisks(disk("/", 100 * GIB, random))
                .addDisks(disk(SHARED_BRICK, 2048 * GIB, random))
                .addDisks(disk("/var/lib/docker", 500 * GIB, random))
                .setLoad1(0.1 + random.nextDouble() * 2)
                .setMemoryTotalBytes(16 * GIB)
                .setMemoryAvailableBytes(6 * GIB + random.nextLong(4 * GIB))
                .addMounts(MountReport.newBuilder()
                        .setMountPoint(SHARED_MOUNT)
                        .setState(MountState.MOUNT_STATE_OK)
                        .setSource(node + ":/shared")
                        .setOwner("root")
                        .setGroup("docker"));
        for (int i = 1; i <= PEERS_PER_REPORT; i++) {
            String peer = nodes.get((index + i) % nodes.size());
            report.addPeers(PeerFact.newBuilder()
                    .setUuid(UUID.nameUUIDFromBytes(peer.getBytes(StandardCharsets.UTF_8)).toString())
                    .setHostname(peer)
                    .setConnected(true)
                    .setState("Peer in Cluster"));
        }
        brick(report, "shared", node, SHARED_BRICK, 49152, index, random);
        if (index < scratchNodes) {
            brick(report, "scratch", node, SCRATCH_BRICK, 49153, index, random);
        }
        return report.build();
    }

    private static void brick(NodeReport.Builder report, String volume, String node, String path, int port, int index,
            ThreadLocalRandom random) {
        String brick = node + ":" + path;
        report.addBricks(BrickReport.newBuilder()
                .setVolume(volume).setBrick(brick).setOnline(true).setPort(port).setPid(10_000 + index));
        // Now and then a brick has some entries to heal, as after a brief network blip.
        long pending = random.nextInt(100) < 2 ? 1 + random.nextInt(50) : 0;
        report.addHeals(HealReport.newBuilder().setVolume(volume).setBrick(brick).setPending(pending));
    }

    private static DiskReport disk(String path, long total, ThreadLocalRandom random) {
        long inodes = total / (64 * 1024);
        return DiskReport.newBuilder()
                .setPath(path)
                .setTotalBytes(total)
                .setFreeBytes(total / 3 + random.nextLong(total / 100))
                .setInodesTotal(inodes)
                .setInodesFree(inodes - inodes / 10 - random.nextLong(1000))
                .build();
    }

    private static String address(int index) {
        return "10.1." + index / 250 + "." + (index % 250 + 1);
    }
}
