package io.brickwork.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.brickwork.proto.coordinator.v1.BrickStatus;
import io.brickwork.proto.coordinator.v1.DiskStatus;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.Health;
import io.brickwork.proto.coordinator.v1.MountState;
import io.brickwork.proto.coordinator.v1.MountStatus;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Seeing the storage on a real lab: what `brickwork status` says, and how fast, when glusterd
 * and a brick die, when a mount disappears and when a mount hangs. Each test restores what it
 * broke, so they run in order on one provisioned cluster.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabHealthTest {
    static final List<String> CLUSTER = List.of("node1", "node2", "node3");

    private Lab lab;

    @BeforeAll
    void up() throws InterruptedException {
        lab = new Lab(Lab.repo(), 3);
        lab.up();
        lab.bootstrap(CLUSTER);
        Lab.Result apply = lab.cli("apply", "-f", lab.writeSpec("staging.conf", LabProvisionTest.SPEC).toString());
        apply.requireOk("apply");
    }

    @AfterAll
    void down() {
        if (lab != null) {
            lab.close();
        }
    }

    private GetStatusResponse status() {
        Lab.Result result = lab.cli("status", "--output", "json");
        GetStatusResponse.Builder status = GetStatusResponse.newBuilder();
        try {
            JsonFormat.parser().ignoringUnknownFields().merge(result.stdout().strip(), status);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("status is not JSON: " + result, e);
        }
        return status.build();
    }

    /** Polls status until the condition holds; returns how long that took. */
    private Duration awaitStatus(String what, Duration timeout, Predicate<GetStatusResponse> condition)
            throws InterruptedException {
        long start = System.nanoTime();
        GetStatusResponse last = null;
        while (System.nanoTime() - start < timeout.toNanos()) {
            last = status();
            if (condition.test(last)) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + " not seen within " + timeout + "; last status: " + last);
    }

    private static NodeInfo node(GetStatusResponse status, String name) {
        return status.getNodesList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
    }

    private static BrickStatus brick(GetStatusResponse status, String node) {
        return status.getVolumes(0).getBrickStatusList().stream().filter(b -> b.getNode().equals(node)).findFirst()
                .orElseThrow();
    }

    private static MountState mount(GetStatusResponse status, String node) {
        return status.getMountsList().stream().filter(m -> m.getNode().equals(node)).map(MountStatus::getState)
                .findFirst().orElse(MountState.MOUNT_STATE_UNSPECIFIED);
    }

    private String pidOf(String node, String pidFile) {
        return lab.exec(node, "cat", pidFile).requireOk("read " + pidFile).stdout().strip();
    }

    @Test
    @Order(1)
    void healthyClusterIsReportedWithItsBricksAndDisks() throws Exception {
        awaitStatus("HEALTHY", Duration.ofSeconds(30), s -> s.getHealth() == Health.HEALTH_HEALTHY);

        GetStatusResponse status = status();
        assertEquals(0, lab.cli("status").exitCode());
        assertEquals(3, status.getNodesCount());
        assertEquals(1, status.getVolumesCount());
        assertEquals(3, status.getVolumes(0).getBrickStatusCount());
        assertTrue(status.getVolumes(0).getBrickStatusList().stream().allMatch(BrickStatus::getOnline));
        assertEquals(0, status.getVolumes(0).getBrickStatusList().stream().mapToLong(BrickStatus::getHealPending).sum());
        DiskStatus disk = node(status, "node1").getDisksList().stream()
                .filter(d -> d.getPath().equals("/gluster/brick")).findFirst().orElseThrow();
        String[] df = lab.exec("node1", "df", "-B1", "--output=size,avail", "/gluster/brick").requireOk("df")
                .stdout().lines().skip(1).findFirst().orElseThrow().trim().split("\\s+");
        assertEquals(Long.parseLong(df[0]), disk.getTotalBytes(), Long.parseLong(df[0]) / 100.0);
        assertEquals(Long.parseLong(df[1]), disk.getFreeBytes(), Long.parseLong(df[0]) / 100.0);
    }

    @Test
    @Order(2)
    void deadGlusterdAndBrickOnANodeDegradeTheVolumeWithinTenSeconds() throws Exception {
        String glusterd = pidOf("node2", "/run/glusterd.pid");
        String brick = pidOf("node2", "/run/gluster/vols/staging-gfs/node2-gluster-brick.pid");
        lab.labSh(Duration.ofSeconds(10), "exec", "node2", "kill", "-9", glusterd, brick).requireOk("kill");

        Duration seen = awaitStatus("node2 glusterd down and its brick offline", Duration.ofSeconds(10), s ->
                !node(s, "node2").getGlusterdRunning() && !brick(s, "node2").getOnline()
                        && s.getVolumes(0).getHealth() == Health.HEALTH_DEGRADED);
        assertEquals(3, lab.cli("status").exitCode(), "degraded exits 3");

        lab.exec("node2", "glusterd", "-p", "/run/glusterd.pid", "-l", "/var/log/glusterfs/glusterd.log")
                .requireOk("restart glusterd");
        awaitStatus("HEALTHY again", Duration.ofSeconds(60), s -> s.getHealth() == Health.HEALTH_HEALTHY);
        System.out.println("glusterd + brick down on node2 reported after " + seen.toMillis() + " ms");
    }

    @Test
    @Order(3)
    void aMissingMountIsNamedForItsNodeWithinTenSeconds() throws Exception {
        lab.exec("node1", "umount", "/mnt").requireOk("umount");

        Duration seen = awaitStatus("node1 /mnt not mounted", Duration.ofSeconds(10), s ->
                mount(s, "node1") == MountState.MOUNT_STATE_NOT_MOUNTED
                        && s.getProblemsList().stream().anyMatch(p -> p.contains("node1") && p.contains("not mounted")));

        lab.exec("node1", "mount", "/mnt").requireOk("remount");
        awaitStatus("node1 /mnt back", Duration.ofSeconds(15), s -> mount(s, "node1") == MountState.MOUNT_STATE_OK);
        System.out.println("unmount on node1 reported after " + seen.toMillis() + " ms");
    }

    @Test
    @Order(4)
    void aHungMountIsReportedWithoutStoppingTheOtherReports() throws Exception {
        String client = fuseClientOf("node1");
        lab.labSh(Duration.ofSeconds(10), "exec", "node1", "kill", "-STOP", client).requireOk("stop client");
        try {
            Duration seen = awaitStatus("node1 /mnt hung", Duration.ofSeconds(15), s ->
                    mount(s, "node1") == MountState.MOUNT_STATE_HUNG);
            long now = System.currentTimeMillis();
            Thread.sleep(6000);
            GetStatusResponse later = status();
            for (String node : List.of("node2", "node3")) {
                assertTrue(node(later, node).getLastReportUnixMs() > now, node + " kept reporting");
            }
            assertTrue(node(later, "node1").getLastReportUnixMs() > now, "node1 kept reporting despite its hung mount");
            System.out.println("hung mount on node1 reported after " + seen.toMillis() + " ms");
        } finally {
            lab.labSh(Duration.ofSeconds(10), "exec", "node1", "kill", "-CONT", client);
        }
        awaitStatus("node1 /mnt responsive again", Duration.ofSeconds(20),
                s -> mount(s, "node1") == MountState.MOUNT_STATE_OK);
    }

    /** The glusterfs FUSE client serving node1's /mnt: same mount namespace as node1's other processes. */
    private String fuseClientOf(String node) throws IOException {
        Path holder = Path.of("/var/tmp/brickwork-lab-" + Lab.PREFIX, node, "holder.pid");
        Path nodeNamespace = Files.readSymbolicLink(Path.of("/proc", Files.readString(holder).strip(), "ns", "mnt"));
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
                    if (cmdline.startsWith("/usr/sbin/glusterfs ") && cmdline.contains("--volfile-id=/staging-gfs")
                            && cmdline.trim().endsWith(" /mnt")
                            && Files.readSymbolicLink(process.resolve("ns/mnt")).equals(nodeNamespace)) {
                        return process.getFileName().toString();
                    }
                } catch (IOException gone) {
                    // The process ended while we looked.
                }
            }
        }
        throw new AssertionError("no glusterfs client for /mnt in " + node);
    }
}
