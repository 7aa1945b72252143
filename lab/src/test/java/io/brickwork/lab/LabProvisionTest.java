package io.brickwork.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Issue #2 end to end on a fresh 3-node lab with real glusterd: bad input changes nothing, the
 * first apply provisions everything, the second changes nothing, a down agent is refused.
 * The tests share one lab and run in order, as an operator's session would.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabProvisionTest {
    static final String SPEC = """
            cluster {
              name = staging
              manager = node1
              nodes = [node1, node2, node3]
            }
            volumes = [{
              name = staging-gfs
              replica = 3
              brick = "/gluster/brick"
              force = true
              mount { path = "/mnt", owner = root, group = docker }
            }]
            """;

    static final List<String> CLUSTER = List.of("node1", "node2", "node3");

    private Lab lab;
    @RegisterExtension
    final GlusterLogsOnFailure logs = new GlusterLogsOnFailure(() -> lab);
    private Path spec;

    @BeforeAll
    void up() throws InterruptedException {
        // Node4 is in the lab but not in the cluster: the host that must not be able to mount.
        lab = new Lab(Lab.repo(), 4);
        lab.up();
        lab.bootstrap(CLUSTER);
        spec = lab.writeSpec("staging.conf", SPEC);
    }

    @AfterAll
    void down() {
        if (lab != null) {
            lab.close();
        }
    }

    private Map<String, String> etcFiles() {
        Map<String, String> files = new HashMap<>();
        for (String node : CLUSTER) {
            files.put(node + ":/etc/hosts", lab.exec(node, "cat", "/etc/hosts").requireOk("cat").stdout());
            files.put(node + ":/etc/fstab", lab.exec(node, "cat", "/etc/fstab").requireOk("cat").stdout());
        }
        return files;
    }

    @Test
    @Order(1)
    void badSpecsExitTwoNamingTheKeyAndChangeNothing() {
        Map<String, String> before = etcFiles();
        Map<String, String> cases = Map.of(
                "volumes[0].replica", SPEC.replace("replica = 3", "replica = 4"),
                "volumes[0].brick", SPEC.replace("\"/gluster/brick\"", "\"gluster/brick\""),
                "volumes[0].mount.path", SPEC.replace("\"/mnt\"", "\"/mnt/../mnt\""),
                "volumes[0].name", SPEC.replace("staging-gfs", "-staging"),
                "cluster.nodes", SPEC.replace("[node1, node2, node3]", "[node1, node2, node2]"),
                "volumes[0].replicas", SPEC.replace("replica = 3", "replica = 3\n  replicas = 3"));
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Lab.Result result = lab.cli("apply", "-f", lab.writeSpec("bad.conf", bad.getValue()).toString());
            assertEquals(2, result.exitCode(), bad.getKey() + ": " + result);
            assertTrue(result.stderr().contains(bad.getKey()), bad.getKey() + " not named: " + result);
        }
        assertEquals(before, etcFiles());
        Lab.Result volumes = lab.exec("node1", "gluster", "--mode=script", "volume", "list");
        assertTrue(volumes.stdout().isBlank() && volumes.stderr().contains("No volumes"), volumes.toString());
    }

    @Test
    @Order(2)
    void freshApplyProvisionsAStartedReplicaVolumeMountedEverywhere() {
        Lab.Result apply = lab.cli("apply", "-f", spec.toString());
        assertEquals(0, apply.exitCode(), apply.toString());

        String info = lab.exec("node2", "gluster", "--mode=script", "volume", "info", "staging-gfs")
                .requireOk("volume info").stdout();
        assertTrue(info.contains("Type: Replicate"), info);
        assertTrue(info.contains("Status: Started"), info);
        assertTrue(info.contains("Number of Bricks: 1 x 3 = 3"), info);
        for (String node : CLUSTER) {
            String fstab = lab.exec(node, "cat", "/etc/fstab").requireOk("cat").stdout();
            List<String> ours = fstab.lines().filter(line -> line.split("\\s+").length > 1
                    && line.split("\\s+")[1].equals("/mnt")).toList();
            assertEquals(List.of("localhost:/staging-gfs /mnt glusterfs defaults,_netdev,nosuid,nodev,"
                    + "x-systemd.requires=glusterd.service,backup-volfile-servers="
                    + String.join(":", CLUSTER.stream().filter(n -> !n.equals(node)).toList()) + " 0 0"),
                    ours, node);
            String mount = lab.exec(node, "findmnt", "-n", "-o", "FSTYPE,SOURCE", "/mnt").requireOk("findmnt").stdout();
            assertEquals("fuse.glusterfs localhost:/staging-gfs", mount.strip().replaceAll("\\s+", " "), node);
            String owner = lab.exec(node, "stat", "-c", "%U:%G", "/mnt").requireOk("stat").stdout().strip();
            assertEquals("root:docker", owner, node);
        }
        lab.exec("node1", "sh", "-c", "echo replicated-by-brickwork > /mnt/lab-check.txt").requireOk("write");
        String read = lab.exec("node3", "cat", "/mnt/lab-check.txt").requireOk("read on node3").stdout();
        assertEquals("replicated-by-brickwork\n", read);
        assertTrue(apply.stdout().contains("replication of staging-gfs: ok"), apply.stdout());
    }

    @Test
    @Order(3)
    void secondApplyChangesNothingAndLeavesEtcFilesByteIdentical() {
        Map<String, String> before = etcFiles();

        Lab.Result apply = lab.cli("apply", "-f", spec.toString());

        assertEquals(0, apply.exitCode(), apply.toString());
        assertTrue(apply.stdout().contains("nothing to do"), apply.stdout());
        assertTrue(apply.stdout().contains("0 changed"), apply.stdout());
        assertEquals(before, etcFiles());
    }

    @Test
    @Order(4)
    void statusAndVerifyReportTheHealthyVolume() throws InterruptedException {
        // Agents report every 5 s: the first full picture after an apply may take one interval.
        Lab.Result status = lab.cli("status", "--output", "json");
        for (int i = 0; i < 40 && status.exitCode() != 0; i++) {
            Thread.sleep(500);
            status = lab.cli("status", "--output", "json");
        }
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.stdout().contains("\"health\":\"HEALTH_HEALTHY\""), status.stdout());

        Lab.Result verify = lab.cli("verify", "staging-gfs");
        assertEquals(0, verify.exitCode(), verify.toString());
    }

    @Test
    @Order(5)
    void applyIsRefusedBeforeAnyChangeWhileAnAgentIsDown() throws InterruptedException {
        lab.stopAgent("node3");
        lab.awaitConnected(2, Duration.ofSeconds(15));
        Map<String, String> before = etcFiles();
        String changed = SPEC.replace("owner = root", "owner = daemon");

        Lab.Result apply = lab.cli("apply", "-f", lab.writeSpec("changed.conf", changed).toString());

        assertEquals(1, apply.exitCode(), apply.toString());
        assertTrue(apply.stderr().contains("node3"), apply.toString());
        assertEquals(before, etcFiles());
        assertEquals("root:docker", lab.exec("node1", "stat", "-c", "%U:%G", "/mnt").stdout().strip());
        lab.startAgent("node3");
        lab.awaitConnected(3, Duration.ofSeconds(30));
    }

    @Test
    @Order(6)
    void aDifferentLayoutForTheExistingVolumeIsRefusedAndNothingChanges() {
        Map<String, String> before = etcFiles();
        String infoBefore = lab.exec("node1", "gluster", "--mode=script", "volume", "info", "staging-gfs").stdout();
        String distributed = SPEC.replace("replica = 3", "replica = 1");

        Lab.Result apply = lab.cli("apply", "-f", lab.writeSpec("layout.conf", distributed).toString());

        assertEquals(1, apply.exitCode(), apply.toString());
        assertTrue(apply.stdout().contains("refused"), apply.stdout());
        assertTrue(apply.stdout().contains("volume:staging-gfs"), apply.stdout());
        assertEquals(before, etcFiles());
        assertEquals(infoBefore, lab.exec("node1", "gluster", "--mode=script", "volume", "info", "staging-gfs").stdout());
    }

    @Test
    @Order(7)
    void everyActionIsAuditedOnTheNodeWithTheCoordinatorsFingerprint() throws Exception {
        String coordinator = "coordinator sha256:" + io.brickwork.common.security.Fingerprints.sha256(
                io.brickwork.common.security.Pem.certificate(java.nio.file.Files.readString(
                        lab.workDir().resolve("coordinator-state/tls/coordinator.crt"))));
        String audit = java.nio.file.Files.readString(lab.agentAuditLog("node1"));
        List<String> lines = audit.lines().toList();

        for (String action : List.of("hosts", "brick_directory", "peers", "volume", "volume_option", "volume_started",
                "fstab_entry", "mounted", "write_probe", "remove_probe")) {
            assertTrue(lines.stream().anyMatch(line -> line.contains("\"action\":\"" + action + "\"")
                    && line.contains("\"mode\":\"MODE_APPLY\"")), action + " applied but not audited");
        }
        // Already right on a lab node (installed, running): checked, found in sync, never applied.
        for (String action : List.of("packages", "glusterd")) {
            assertTrue(lines.stream().anyMatch(line -> line.contains("\"action\":\"" + action + "\"")
                    && line.contains("\"mode\":\"MODE_CHECK\"")), action + " checked but not audited");
        }
        assertTrue(lines.stream().allMatch(line -> line.contains("\"requester\":\"" + coordinator + "\"")),
                "every line names the coordinator by its certificate");
        assertTrue(lines.stream().anyMatch(line -> line.contains("\"requested_by\":\"admin:admin@sha256:")),
                "the admin behind the apply is named");
        assertTrue(lines.stream().anyMatch(line -> line.contains("\"action\":\"volume\"")
                && line.contains("\"outcome\":\"OUTCOME_REFUSED\"")), "the refused layout change is audited as refused");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(lab.agentAuditLog("node1"))));
    }

    @Test
    @Order(8)
    void aHostOutsideTheClusterCannotMountTheVolume() {
        String hosts = lab.exec("node1", "cat", "/etc/hosts").requireOk("cat").stdout();
        Lab.Result write = lab.exec("node4", "sh", "-c", "printf '%s' \"$1\" > /etc/hosts", "sh", hosts);
        write.requireOk("write node4 hosts");

        Lab.Result mount = lab.exec("node4", "timeout", "60", "mount", "-t", "glusterfs", "node1:/staging-gfs", "/mnt");
        Lab.Result mounted = lab.exec("node4", "findmnt", "-n", "-o", "FSTYPE", "/mnt");

        assertTrue(mount.exitCode() != 0 || !mounted.stdout().contains("fuse.glusterfs"), mount + "\n" + mounted);
        assertTrue(lab.exec("node4", "sh", "-c", "ls /mnt >/dev/null 2>&1 && test -e /mnt/lab-check.txt").exitCode() != 0,
                "node4 must not see the volume's files");
        String allowed = lab.exec("node1", "gluster", "--mode=script", "volume", "get", "staging-gfs", "auth.allow")
                .requireOk("volume get").stdout();
        assertTrue(allowed.contains(Lab.SUBNET + ".11," + Lab.SUBNET + ".12," + Lab.SUBNET + ".13"), allowed);
    }
}
