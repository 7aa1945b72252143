package io.brickwork.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * Gluster's own traffic under TLS with certificates from the cluster CA, on a 4-node lab with real
 * glusterd: node1..node3 form a {@code cluster.tls} cluster with a TLS volume and a plain one
 * ({@code tls = false}, the control that proves the capture sees file data); node4 is on the same
 * network and inside both volumes' {@code auth.allow}, but has no certificate from the cluster CA.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabGlusterTlsTest {
    static final List<String> CLUSTER = List.of("node1", "node2", "node3");
    static final String OUTSIDER = "node4";
    static final String SPEC = """
            cluster {
              name = sealed
              manager = node1
              nodes = [node1, node2, node3]
              tls = true
            }
            volumes = [{
              name = secret
              replica = 3
              brick = "/gluster/secret"
              force = true
              auth-allow = ["%1$s.*"]
              mount { path = "/mnt/secret", owner = root, group = root }
            }, {
              name = plain
              replica = 3
              brick = "/gluster/plain"
              force = true
              tls = false
              auth-allow = ["%1$s.*"]
              mount { path = "/mnt/plain", owner = root, group = root }
            }]
            """.formatted(Lab.SUBNET);

    private Lab lab;
    @RegisterExtension
    final GlusterLogsOnFailure logs = new GlusterLogsOnFailure(() -> lab);
    private Path spec;

    @BeforeAll
    void up() throws InterruptedException {
        lab = new Lab(Lab.repo(), 4);
        lab.up();
        // Four minutes of validity (plus the CA's five of clock skew before): each node renews its
        // gluster certificate every minute or so, during every test of this class.
        try {
            Files.writeString(lab.workDir().resolve("coordinator.conf"),
                    "brickwork.coordinator.tls.gluster-certificate-validity = 4m\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lab.bootstrap(CLUSTER);
        spec = lab.writeSpec("sealed.conf", SPEC);
    }

    @AfterAll
    void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void applyGivesEveryNodeItsOwnGlusterCertificateAndManagementTlsBeforeThePoolForms() {
        Lab.Result apply = lab.cli("apply", "-f", spec.toString());
        assertEquals(0, apply.exitCode(), apply.toString());

        for (String node : CLUSTER) {
            String subject = lab.exec(node, "openssl", "x509", "-noout", "-subject", "-issuer", "-in",
                    "/usr/lib/ssl/glusterfs.pem").requireOk("read " + node + "'s gluster certificate").stdout();
            assertTrue(subject.contains("CN = " + node + "\n"), subject);
            assertTrue(subject.contains("OU = gluster"), subject);
            String verified = lab.exec(node, "openssl", "verify", "-CAfile", "/usr/lib/ssl/glusterfs.ca",
                    "/usr/lib/ssl/glusterfs.pem").requireOk("verify " + node + "'s certificate").stdout();
            assertEquals("/usr/lib/ssl/glusterfs.pem: OK\n", verified);
            lab.exec(node, "test", "-e", "/var/lib/glusterd/secure-access").requireOk(node + " has secure-access");
            assertEquals(2, peersConnected(node), node + " sees both other nodes in the pool, over TLS");
        }
        // /usr/lib/ssl is each node's own: the outsider got nothing.
        assertNotEquals(0, lab.exec(OUTSIDER, "test", "-e", "/usr/lib/ssl/glusterfs.pem").exitCode());
        // One key per node, never copied: three different public keys.
        assertEquals(3, CLUSTER.stream().map(node -> lab.exec(node, "openssl", "x509", "-noout", "-pubkey", "-in",
                "/usr/lib/ssl/glusterfs.pem").requireOk("public key").stdout()).distinct().count());

        String info = lab.exec("node1", "gluster", "--mode=script", "volume", "info", "secret").requireOk("info").stdout();
        assertTrue(info.contains("client.ssl: on"), info);
        assertTrue(info.contains("server.ssl: on"), info);
        assertTrue(info.contains("auth.ssl-allow: node1,node2,node3"), info);
        assertTrue(info.contains("ssl.own-cert: /usr/lib/ssl/glusterfs.pem"), info);
        String plain = lab.exec("node1", "gluster", "--mode=script", "volume", "info", "plain").requireOk("info").stdout();
        assertFalse(plain.contains("client.ssl"), plain);
    }

    @Test
    @Order(2)
    void aSecondApplyHasNothingToDo() {
        Lab.Result apply = lab.cli("apply", "-f", spec.toString());

        assertEquals(0, apply.exitCode(), apply.toString());
        assertTrue(apply.stdout().contains("nothing to do"), apply.stdout());
    }

    @Test
    @Order(3)
    void fileDataOfTheTlsVolumeNeverCrossesTheBridgeInPlaintextWhileThePlainVolumesDoes() throws Exception {
        String secretMarker = "BW-TLS-SECRET-" + HexFormat.of().formatHex(randomBytes(8));
        String plainMarker = "BW-TLS-PLAIN-" + HexFormat.of().formatHex(randomBytes(8));
        Path capture = lab.workDir().resolve("bridge.pcap");
        Files.deleteIfExists(capture);
        Process tcpdump = new ProcessBuilder("tcpdump", "-i", Lab.PREFIX + "lab0", "-U", "-s", "0", "-w",
                capture.toString(), "tcp").redirectErrorStream(true)
                .redirectOutput(lab.workDir().resolve("tcpdump.log").toFile()).start();
        try {
            awaitCaptureStarted(capture);
            // 64 KiB of each marker, written on node1: every byte goes to node2's and node3's bricks.
            writeRepeated("node1", "/mnt/secret/marker.txt", secretMarker);
            writeRepeated("node1", "/mnt/plain/marker.txt", plainMarker);
            String written = sha256("node1", "/mnt/secret/marker.txt");
            for (String node : List.of("node2", "node3")) {
                // Dropped caches: the read goes to the bricks, across the bridge where it can.
                lab.exec(node, "sh", "-c", "echo 3 > /proc/sys/vm/drop_caches").requireOk("drop caches");
                assertEquals(written, sha256(node, "/mnt/secret/marker.txt"), node + " reads what node1 wrote");
                assertEquals(sha256("node1", "/mnt/plain/marker.txt"), sha256(node, "/mnt/plain/marker.txt"));
                // The copy on this node's brick came from node1 over the bridge.
                assertEquals(written, sha256(node, "/gluster/secret/marker.txt"), node + "'s brick");
            }
        } finally {
            tcpdump.destroy();
            tcpdump.waitFor(10, TimeUnit.SECONDS);
        }
        byte[] packets = Files.readAllBytes(capture);
        assertTrue(packets.length > 100_000, "the capture holds the traffic: " + packets.length + " bytes");
        assertTrue(contains(packets, plainMarker), "the plain volume's data is visible on the bridge");
        assertFalse(contains(packets, secretMarker), "the TLS volume's data never appears on the bridge");
    }

    @Test
    @Order(4)
    void aHostInAuthAllowWithoutAClusterCertificateCanNeitherMountNorReachGlusterd() throws InterruptedException {
        String node1 = Lab.SUBNET + ".11";
        lab.exec(OUTSIDER, "mkdir", "-p", "/mnt/outsider").requireOk("mkdir");

        // Plain: no certificate at all.
        lab.exec(OUTSIDER, "timeout", "40", "mount", "-t", "glusterfs", node1 + ":/secret", "/mnt/outsider");
        assertNotMounted();
        assertNotEquals(0, lab.exec(OUTSIDER, "timeout", "30", "gluster", "--mode=script", "--remote-host=" + node1,
                "peer", "status").exitCode());

        // A self-signed certificate claiming to be node1, trusted by itself beside the real cluster CA.
        String ca = lab.exec("node1", "cat", "/usr/lib/ssl/glusterfs.ca").requireOk("cluster CA").stdout();
        lab.exec(OUTSIDER, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "/usr/lib/ssl/glusterfs.key", "-out", "/usr/lib/ssl/glusterfs.pem", "-subj", "/CN=node1",
                "-days", "1").requireOk("self-signed certificate");
        String own = lab.exec(OUTSIDER, "cat", "/usr/lib/ssl/glusterfs.pem").requireOk("read it").stdout();
        lab.exec(OUTSIDER, "sh", "-c", "cat > /usr/lib/ssl/glusterfs.ca <<'EOF'\n" + own + ca + "EOF\n")
                .requireOk("CA list");
        lab.exec(OUTSIDER, "touch", "/var/lib/glusterd/secure-access").requireOk("secure-access");

        lab.exec(OUTSIDER, "timeout", "40", "mount", "-t", "glusterfs", node1 + ":/secret", "/mnt/outsider");
        assertNotMounted();
        assertNotEquals(0, lab.exec(OUTSIDER, "timeout", "30", "gluster", "--mode=script", "--remote-host=" + node1,
                "peer", "probe", Lab.SUBNET + ".14").exitCode());
        String pool = lab.exec("node1", "gluster", "--mode=script", "pool", "list").requireOk("pool list").stdout();
        assertFalse(pool.contains(Lab.SUBNET + ".14"), pool);
        assertEquals(3, pool.strip().lines().count() - 1, pool);
    }

    @Test
    @Order(5)
    void certificatesRenewedOnEveryNodeWhileAMountIsWrittenCauseNoIoErrorAndNewMountsUseTheNewOnes()
            throws Exception {
        Map<String, String> before = fingerprints();
        Path stop = lab.workDir().resolve("stop-writes");
        Path log = lab.workDir().resolve("writes.log");
        Files.deleteIfExists(stop);
        lab.labSh(Duration.ofSeconds(30), "spawn", "node2", log.toString(), "sh", "-c",
                "mkdir -p /mnt/secret/loop; i=0; while [ ! -e " + stop + " ]; do"
                        + " head -c 4096 /dev/urandom > /mnt/secret/loop/f$i || echo FAIL $i; i=$((i+1)); sleep 0.2;"
                        + " done; echo DONE $i").requireOk("start the writes");
        Map<String, String> after = before;
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline && !allDiffer(before, after)) {
            Thread.sleep(2000);
            after = fingerprints();
        }
        // Some writes on the new certificates too.
        Thread.sleep(3000);
        Files.createFile(stop);
        String writes = "";
        for (int i = 0; i < 60 && !writes.contains("DONE"); i++) {
            Thread.sleep(500);
            writes = Files.readString(log);
        }
        assertTrue(allDiffer(before, after), "every node renewed its gluster certificate: " + before + " -> " + after);
        assertTrue(writes.contains("DONE"), writes);
        assertFalse(writes.contains("FAIL"), writes);
        int written = Integer.parseInt(writes.substring(writes.indexOf("DONE ") + 5).strip());
        assertTrue(written > 20, writes);
        // Still the volume, not the local directory under it (a client cut off would write there).
        assertEquals("fuse.glusterfs", lab.exec("node2", "findmnt", "-n", "-o", "FSTYPE", "/mnt/secret")
                .requireOk("findmnt").stdout().strip());
        String listing = "cd /mnt/secret/loop && ls | sort -V | xargs sha256sum";
        String seenOnNode2 = lab.exec("node2", "sh", "-c", listing).requireOk("sums on node2").stdout();
        assertEquals(written, seenOnNode2.lines().count());
        for (String node : List.of("node1", "node3")) {
            assertEquals(seenOnNode2, lab.exec(node, "sh", "-c", listing).requireOk("sums on " + node).stdout(), node);
        }
        // A new client handshakes with the renewed certificate against bricks started before it.
        lab.exec("node3", "mkdir", "-p", "/mnt/fresh").requireOk("mkdir");
        lab.exec("node3", "timeout", "40", "mount", "-t", "glusterfs", "localhost:/secret", "/mnt/fresh")
                .requireOk("mount with the renewed certificate");
        try {
            assertEquals("fuse.glusterfs", lab.exec("node3", "findmnt", "-n", "-o", "FSTYPE", "/mnt/fresh")
                    .requireOk("findmnt").stdout().strip());
            assertEquals(seenOnNode2, lab.exec("node3", "sh", "-c", listing.replace("/mnt/secret", "/mnt/fresh"))
                    .requireOk("sums through the new mount").stdout());
        } finally {
            lab.exec("node3", "umount", "/mnt/fresh");
        }
    }

    @Test
    @Order(6)
    void statusShowsTlsPerNodeAndVolumeAndAStartedPlainVolumeIsNotSwitchedByAnApply() throws InterruptedException {
        GetStatusResponse status = lab.cli("status", "--output", "json").status();
        for (int i = 0; i < 40 && !(status.getNodesCount() >= 3 && status.getNodesList().stream()
                .filter(node -> CLUSTER.contains(node.getName())).allMatch(node -> node.getGlusterTls().getManagement())
                && status.getVolumesCount() == 2); i++) {
            Thread.sleep(500);
            status = lab.cli("status", "--output", "json").status();
        }
        long now = System.currentTimeMillis();
        for (NodeInfo node : status.getNodesList()) {
            if (CLUSTER.contains(node.getName())) {
                assertTrue(node.getGlusterTls().getManagement(), node.toString());
                long until = node.getGlusterTls().getCertificateNotAfterUnixMs();
                // Four minutes of validity, renewed once two thirds of nine (with the clock skew) have passed.
                assertTrue(until > now && until < now + Duration.ofMinutes(5).toMillis(), node.toString());
            }
        }
        Map<String, Boolean> tls = new TreeMap<>();
        status.getVolumesList().forEach(volume -> tls.put(volume.getName(), volume.getTls()));
        assertEquals(Map.of("plain", false, "secret", true), tls);

        // Turning TLS on for a started volume needs its clients and bricks switched together: an outage.
        Lab.Result apply = lab.cli("apply", "-f",
                lab.writeSpec("plain-tls.conf", SPEC.replace("tls = false", "tls = true")).toString());
        assertEquals(1, apply.exitCode(), apply.toString());
        assertTrue(apply.stderr().contains("refused, nothing was changed: switching this running cluster to TLS"
                + " needs an outage of volume plain"), apply.stderr());
        assertTrue(apply.stderr().contains("--allow-downtime"), apply.stderr());
        String plain = lab.exec("node1", "gluster", "--mode=script", "volume", "info", "plain").requireOk("info").stdout();
        assertFalse(plain.contains("ssl"), plain);
        assertTrue(plain.contains("Status: Started"), plain);
    }

    /**
     * gluster does not check Brickwork's revocations: a revoked node keeps its gluster certificate
     * until it expires (it can no longer renew it), then loses access for every new connection.
     */
    @Test
    @Order(7)
    void aRevokedNodeLosesGlusterAccessOnceItsGlusterCertificateExpires() throws InterruptedException {
        Lab.Result revoke = lab.cli("node", "revoke", "node3");
        assertEquals(0, revoke.exitCode(), revoke.toString());
        String enddate = lab.exec("node3", "openssl", "x509", "-noout", "-enddate", "-in", "/usr/lib/ssl/glusterfs.pem")
                .requireOk("node3's certificate").stdout().strip();

        // Four minutes of validity: renewed about a minute after issue, so at most four are left.
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (lab.exec("node3", "openssl", "x509", "-noout", "-checkend", "0", "-in", "/usr/lib/ssl/glusterfs.pem")
                .exitCode() == 0) {
            assertTrue(System.nanoTime() < deadline, "node3's gluster certificate never expired: " + enddate);
            Thread.sleep(5000);
        }
        assertEquals(enddate, lab.exec("node3", "openssl", "x509", "-noout", "-enddate", "-in",
                "/usr/lib/ssl/glusterfs.pem").requireOk("node3's certificate").stdout().strip(),
                "the revoked node could not renew its gluster certificate");

        String node1 = Lab.SUBNET + ".11";
        lab.exec("node3", "mkdir", "-p", "/mnt/revoked").requireOk("mkdir");
        lab.exec("node3", "timeout", "40", "mount", "-t", "glusterfs", node1 + ":/secret", "/mnt/revoked");
        Lab.Result findmnt = lab.exec("node3", "findmnt", "-n", "-o", "FSTYPE", "/mnt/revoked");
        for (int i = 0; i < 40 && findmnt.stdout().contains("fuse.glusterfs"); i++) {
            Thread.sleep(500);
            findmnt = lab.exec("node3", "findmnt", "-n", "-o", "FSTYPE", "/mnt/revoked");
        }
        assertFalse(findmnt.stdout().contains("fuse.glusterfs"), findmnt.toString());
        assertNotEquals(0, lab.exec("node3", "test", "-e", "/mnt/revoked/marker.txt").exitCode());
        assertNotEquals(0, lab.exec("node3", "timeout", "30", "gluster", "--mode=script", "--remote-host=" + node1,
                "volume", "info", "secret").exitCode(), "node3 cannot reach node1's glusterd either");

        // The nodes still in good standing renewed and keep full access.
        lab.exec("node2", "mkdir", "-p", "/mnt/fresh").requireOk("mkdir");
        lab.exec("node2", "timeout", "40", "mount", "-t", "glusterfs", node1 + ":/secret", "/mnt/fresh")
                .requireOk("mount on node2");
        try {
            assertEquals("fuse.glusterfs", lab.exec("node2", "findmnt", "-n", "-o", "FSTYPE", "/mnt/fresh")
                    .requireOk("findmnt").stdout().strip());
            assertEquals(sha256("node2", "/mnt/secret/marker.txt"), sha256("node2", "/mnt/fresh/marker.txt"));
        } finally {
            lab.exec("node2", "umount", "/mnt/fresh");
        }
    }

    private Map<String, String> fingerprints() {
        Map<String, String> fingerprints = new TreeMap<>();
        for (String node : CLUSTER) {
            fingerprints.put(node, lab.exec(node, "openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in",
                    "/usr/lib/ssl/glusterfs.pem").requireOk("fingerprint on " + node).stdout().strip());
        }
        return fingerprints;
    }

    private static boolean allDiffer(Map<String, String> before, Map<String, String> after) {
        return before.keySet().stream().allMatch(node -> !before.get(node).equals(after.get(node)));
    }

    /**
     * mount returns 0 either way, and the FUSE mount may be listed for a moment before the client
     * gives up and unmounts: wait for that, then the volume's file must not be readable there.
     */
    private void assertNotMounted() throws InterruptedException {
        Lab.Result findmnt = lab.exec(OUTSIDER, "findmnt", "-n", "-o", "FSTYPE", "/mnt/outsider");
        for (int i = 0; i < 40 && findmnt.stdout().contains("fuse.glusterfs"); i++) {
            Thread.sleep(500);
            findmnt = lab.exec(OUTSIDER, "findmnt", "-n", "-o", "FSTYPE", "/mnt/outsider");
        }
        assertNotEquals(0, lab.exec(OUTSIDER, "test", "-e", "/mnt/outsider/marker.txt").exitCode(),
                "the volume's file is not readable on the outsider");
        assertFalse(findmnt.stdout().contains("fuse.glusterfs"), findmnt.toString());
    }

    private long peersConnected(String node) {
        String status = lab.exec(node, "gluster", "--mode=script", "peer", "status").requireOk("peer status").stdout();
        return status.lines().filter(line -> line.contains("State: Peer in Cluster (Connected)")).count();
    }

    private void writeRepeated(String node, String file, String marker) {
        lab.exec(node, "sh", "-c", "yes '" + marker + "' | head -c 65536 > " + file + " && sync " + file)
                .requireOk("write " + file);
    }

    private String sha256(String node, String file) {
        return lab.exec(node, "sha256sum", file).requireOk("sha256sum " + file + " on " + node).stdout().split(" ")[0];
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** tcpdump writes the file's header once it listens. */
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

    static boolean contains(byte[] haystack, String needle) {
        byte[] pattern = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + pattern.length <= haystack.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (haystack[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
