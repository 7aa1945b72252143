package io.brickwork.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A running three-node cluster without TLS, with files on its volume, switched to TLS: refused
 * without --allow-downtime (nothing changed), undone when a node fails to switch, done with it in
 * one outage whose length the apply prints, after which every file reads back the same through
 * every mount and file data no longer crosses the lab bridge in plaintext.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabTlsSwitchTest {
    static final List<String> CLUSTER = List.of("node1", "node2", "node3");
    static final String LISTING = "cd /mnt/data && ls | sort | xargs sha256sum";
    static final String PLAIN = """
            cluster {
              name = switching
              manager = node1
              nodes = [node1, node2, node3]
            }
            volumes = [{
              name = data
              replica = 3
              brick = "/gluster/data"
              force = true
              mount { path = "/mnt/data", owner = root, group = root }
            }]
            """;
    static final String TLS = PLAIN.replace("nodes = [node1, node2, node3]\n",
            "nodes = [node1, node2, node3]\n  tls = true\n");

    private Lab lab;
    @RegisterExtension
    final GlusterLogsOnFailure logs = new GlusterLogsOnFailure(() -> lab);
    private String sums;

    @BeforeAll
    void up() throws InterruptedException {
        lab = new Lab(Lab.repo(), 3);
        lab.up();
        lab.bootstrap(CLUSTER);
    }

    @AfterAll
    void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void aPlainClusterWithFilesWhoseDataTheBridgeCaptureSees() throws Exception {
        Lab.Result apply = lab.cli("apply", "-f", lab.writeSpec("plain.conf", PLAIN).toString());
        assertEquals(0, apply.exitCode(), apply.toString());
        for (int i = 0; i < 4; i++) {
            lab.exec(CLUSTER.get(i % 3), "sh", "-c", "head -c 262144 /dev/urandom > /mnt/data/f" + i)
                    .requireOk("write f" + i);
        }
        sums = lab.exec("node1", "sh", "-c", LISTING).requireOk("sums").stdout();
        assertEquals(4, sums.lines().count(), sums);

        String marker = marker();
        byte[] capture = capture(marker);
        assertTrue(LabGlusterTlsTest.contains(capture, marker), "without TLS the capture sees the file data");
    }

    @Test
    @Order(2)
    void withoutAllowDowntimeTheSwitchIsRefusedWithThePlansExplanationAndNothingChanges() throws Exception {
        awaitReportedVolume();
        Path spec = lab.writeSpec("tls.conf", TLS);
        Lab.Result plan = lab.cli("plan", "-f", spec.toString());
        assertEquals(0, plan.exitCode(), plan.toString());
        assertTrue(plan.stdout().contains("tls-switch") && plan.stdout().contains("outage of volume data of about"),
                plan.stdout());

        Lab.Result apply = lab.cli("apply", "-f", spec.toString());

        assertEquals(1, apply.exitCode(), apply.toString());
        assertTrue(apply.stderr().contains("refused, nothing was changed: switching this running cluster to TLS"
                + " needs an outage of volume data"), apply.stderr());
        assertTrue(apply.stderr().contains("--allow-downtime"), apply.stderr());
        for (String node : CLUSTER) {
            assertNotEquals(0, lab.exec(node, "test", "-e", "/var/lib/glusterd/secure-access").exitCode(), node);
            assertNotEquals(0, lab.exec(node, "test", "-e", "/usr/lib/ssl/glusterfs.pem").exitCode(), node);
        }
        String info = info();
        assertTrue(info.contains("Status: Started") && !info.contains("ssl"), info);
        assertEquals(sums, lab.exec("node2", "sh", "-c", LISTING).requireOk("sums").stdout());
    }

    /**
     * node3 cannot install a gluster certificate (a plain file where its certificate directory
     * goes), so its switch fails after node1 and node2 have switched: everything is undone.
     */
    @Test
    @Order(3)
    void aNodeThatFailsToSwitchHasTheWholeSwitchUndoneOnRealGlusterd() throws Exception {
        lab.exec("node3", "touch", "/usr/lib/ssl/brickwork-gluster").requireOk("block node3's certificate");
        try {
            Lab.Result apply = lab.cli("apply", "-f", lab.writeSpec("tls.conf", TLS).toString(), "--allow-downtime");

            assertEquals(1, apply.exitCode(), apply.toString());
            assertTrue(apply.stdout().contains("node3 / management-tls"), apply.stdout());
            assertTrue(apply.stdout().contains("undone: TLS is off again"), apply.stdout());
            assertTrue(apply.stdout().contains("downtime: the volumes were offline for"), apply.stdout());
        } finally {
            lab.exec("node3", "rm", "-f", "/usr/lib/ssl/brickwork-gluster").requireOk("unblock node3");
        }
        String info = info();
        assertTrue(info.contains("Status: Started"), info);
        assertFalse(info.contains("client.ssl: on") || info.contains("server.ssl: on"), info);
        for (String node : CLUSTER) {
            assertNotEquals(0, lab.exec(node, "test", "-e", "/var/lib/glusterd/secure-access").exitCode(), node);
            assertEquals(2, lab.exec(node, "gluster", "--mode=script", "peer", "status").requireOk("peer status")
                    .stdout().lines().filter(line -> line.contains("(Connected)")).count(), node);
            assertEquals("fuse.glusterfs", lab.exec(node, "findmnt", "-n", "-o", "FSTYPE", "/mnt/data")
                    .requireOk("findmnt").stdout().strip(), node);
            lab.exec(node, "sh", "-c", "echo 3 > /proc/sys/vm/drop_caches").requireOk("drop caches");
            assertEquals(sums, lab.exec(node, "sh", "-c", LISTING).requireOk("sums on " + node).stdout(), node);
        }
        awaitBricksOnline();
    }

    @Test
    @Order(4)
    void withAllowDowntimeEveryFileSurvivesEveryMountIsBackAndTheDataIsEncrypted() throws Exception {
        Lab.Result apply = lab.cli("apply", "-f", lab.writeSpec("tls.conf", TLS).toString(), "--allow-downtime");

        assertEquals(0, apply.exitCode(), apply.toString());
        Matcher downtime = Pattern.compile("downtime: the volumes were offline for ([0-9.]+) s").matcher(apply.stdout());
        assertTrue(downtime.find(), apply.stdout());
        System.out.println("LabTlsSwitchTest: switch to TLS with 3 nodes, 1 volume: downtime " + downtime.group(1)
                + " s");
        assertTrue(Double.parseDouble(downtime.group(1)) > 0, apply.stdout());
        String info = info();
        assertTrue(info.contains("Status: Started"), info);
        assertTrue(info.contains("client.ssl: on") && info.contains("server.ssl: on"), info);
        assertTrue(info.contains("auth.ssl-allow: node1,node2,node3"), info);
        for (String node : CLUSTER) {
            lab.exec(node, "test", "-e", "/var/lib/glusterd/secure-access").requireOk(node + " has secure-access");
            assertEquals("fuse.glusterfs", lab.exec(node, "findmnt", "-n", "-o", "FSTYPE", "/mnt/data")
                    .requireOk("findmnt").stdout().strip(), node);
            lab.exec(node, "sh", "-c", "echo 3 > /proc/sys/vm/drop_caches").requireOk("drop caches");
            assertEquals(sums, lab.exec(node, "sh", "-c", LISTING).requireOk("sums on " + node).stdout(), node);
        }
        awaitBricksOnline();

        String marker = marker();
        byte[] capture = capture(marker);
        assertFalse(LabGlusterTlsTest.contains(capture, marker), "after the switch the file data is encrypted");

        // Status follows, and a second apply has nothing to switch.
        awaitManagementTls();
        Lab.Result again = lab.cli("apply", "-f", lab.writeSpec("tls.conf", TLS).toString());
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.stdout().contains("nothing to do"), again.stdout());
    }

    /** gluster's own view: every brick process of the volume online. */
    private void awaitBricksOnline() throws InterruptedException {
        String status = "";
        for (int i = 0; i < 30; i++) {
            status = lab.exec("node1", "gluster", "--mode=script", "volume", "status", "data").requireOk("volume status")
                    .stdout();
            if (status.lines().filter(line -> line.startsWith("Brick ") && line.contains(" Y ")).count() == 3) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("not every brick of data is online: " + status);
    }

    private String info() {
        return lab.exec("node1", "gluster", "--mode=script", "volume", "info", "data").requireOk("info").stdout();
    }

    /** The agents report what glusterd's store holds every few seconds; the switch is found from those reports. */
    private void awaitReportedVolume() throws InterruptedException {
        GetStatusResponse status = lab.cli("status", "--output", "json").status();
        for (int i = 0; i < 40 && status.getVolumesCount() < 1; i++) {
            Thread.sleep(500);
            status = lab.cli("status", "--output", "json").status();
        }
        assertEquals(1, status.getVolumesCount(), status.toString());
    }

    private void awaitManagementTls() throws InterruptedException {
        for (int i = 0; i < 40; i++) {
            GetStatusResponse status = lab.cli("status", "--output", "json").status();
            if (status.getNodesList().stream().filter(node -> CLUSTER.contains(node.getName()))
                    .allMatch(node -> node.getGlusterTls().getManagement())
                    && status.getVolumesList().stream().allMatch(volume -> volume.getTls())) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("status never showed management TLS on every node");
    }

    private static String marker() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "BW-SWITCH-" + HexFormat.of().formatHex(bytes);
    }

    /** The bridge's traffic while node1 writes 64 KiB of the marker and node2 and node3 read it back. */
    private byte[] capture(String marker) throws Exception {
        Path capture = lab.workDir().resolve("switch-" + marker + ".pcap");
        Process tcpdump = new ProcessBuilder("tcpdump", "-i", Lab.PREFIX + "lab0", "-U", "-s", "0", "-w",
                capture.toString(), "tcp").redirectErrorStream(true)
                .redirectOutput(lab.workDir().resolve("tcpdump-switch.log").toFile()).start();
        try {
            awaitCaptureStarted(capture);
            String file = "/mnt/data/" + marker + ".txt";
            lab.exec("node1", "sh", "-c", "yes '" + marker + "' | head -c 65536 > " + file + " && sync " + file)
                    .requireOk("write the marker");
            String written = lab.exec("node1", "sha256sum", file).requireOk("sum").stdout().split(" ")[0];
            for (String node : List.of("node2", "node3")) {
                lab.exec(node, "sh", "-c", "echo 3 > /proc/sys/vm/drop_caches").requireOk("drop caches");
                assertEquals(written, lab.exec(node, "sha256sum", file).requireOk("sum on " + node).stdout()
                        .split(" ")[0], node);
            }
            lab.exec("node1", "rm", file).requireOk("remove the marker");
        } finally {
            tcpdump.destroy();
            tcpdump.waitFor(10, TimeUnit.SECONDS);
        }
        byte[] packets = Files.readAllBytes(capture);
        assertTrue(packets.length > 100_000, "the capture holds the traffic: " + packets.length + " bytes");
        return packets;
    }

    private static void awaitCaptureStarted(Path capture) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                if (Files.exists(capture) && Files.size(capture) > 0) {
                    return;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("tcpdump did not start capturing into " + capture);
    }
}
