package io.brickwork.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
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
 * A volume on two nodes with an explicit arbiter brick ({@code volumes[].arbiter-brick}), as
 * {@code init --from-swarm} writes it for a two-node Swarm, on a 2-node lab with real glusterd:
 * gluster's {@code replica 3 arbiter 1} with the arbiter on node1, idempotent, replicating.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabArbiterTest {
    static final String SPEC = """
            cluster {
              name = pair
              manager = node1
              nodes = [node1, node2]
            }
            volumes = [{
              name = pair-gfs
              replica = 3
              arbiter = true
              arbiter-brick { node = node1, path = "/gluster/arbiter" }
              brick = "/gluster/brick"
              force = true
              mount { path = "/mnt", owner = root, group = root }
            }]
            """;
    static final List<String> CLUSTER = List.of("node1", "node2");

    private Lab lab;
    @RegisterExtension
    final GlusterLogsOnFailure logs = new GlusterLogsOnFailure(() -> lab);
    private Path spec;

    @BeforeAll
    void up() throws InterruptedException {
        lab = new Lab(Lab.repo(), 2);
        lab.up();
        lab.bootstrap(CLUSTER);
        spec = lab.writeSpec("pair.conf", SPEC);
    }

    @AfterAll
    void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void anArbiterOnADataNodeWithoutForceIsRefusedBeforeAnyChange() {
        Lab.Result apply = lab.cli("apply", "-f", lab.writeSpec("noforce.conf", SPEC.replace("force = true", "")).toString());

        assertEquals(2, apply.exitCode(), apply.toString());
        assertTrue(apply.stderr().contains("volumes[0].force = false"), apply.toString());
        Lab.Result volumes = lab.exec("node1", "gluster", "--mode=script", "volume", "list");
        assertTrue(volumes.stdout().isBlank() && volumes.stderr().contains("No volumes"), volumes.toString());
    }

    @Test
    @Order(2)
    void applyCreatesTwoDataBricksAndTheArbiterStartedAndMountedOnBothNodes() {
        Lab.Result apply = lab.cli("apply", "-f", spec.toString());
        assertEquals(0, apply.exitCode(), apply.toString());

        String info = lab.exec("node2", "gluster", "--mode=script", "volume", "info", "pair-gfs")
                .requireOk("volume info").stdout();
        assertTrue(info.contains("Type: Replicate"), info);
        assertTrue(info.contains("Status: Started"), info);
        assertTrue(info.contains("Number of Bricks: 1 x (2 + 1) = 3"), info);
        assertTrue(info.contains("Brick1: node1:/gluster/brick\n"), info);
        assertTrue(info.contains("Brick2: node2:/gluster/brick\n"), info);
        assertTrue(info.contains("Brick3: node1:/gluster/arbiter (arbiter)"), info);
        for (String node : CLUSTER) {
            String mount = lab.exec(node, "findmnt", "-n", "-o", "FSTYPE,SOURCE", "/mnt").requireOk("findmnt").stdout();
            assertEquals("fuse.glusterfs localhost:/pair-gfs", mount.strip().replaceAll("\\s+", " "), node);
        }
    }

    @Test
    @Order(3)
    void aSecondApplyHasNothingToDo() {
        Lab.Result apply = lab.cli("apply", "-f", spec.toString());

        assertEquals(0, apply.exitCode(), apply.toString());
        assertTrue(apply.stdout().contains("nothing to do"), apply.stdout());
        assertTrue(apply.stdout().contains("0 changed"), apply.stdout());
    }

    @Test
    @Order(4)
    void aFileWrittenOnNode1IsReadOnNode2AndTheArbiterHoldsOnlyItsName() {
        lab.exec("node1", "sh", "-c", "echo kept-by-two-and-an-arbiter > /mnt/arbiter-check.txt").requireOk("write");

        assertEquals("kept-by-two-and-an-arbiter\n",
                lab.exec("node2", "cat", "/mnt/arbiter-check.txt").requireOk("read on node2").stdout());
        assertEquals("kept-by-two-and-an-arbiter\n",
                lab.exec("node2", "cat", "/gluster/brick/arbiter-check.txt").requireOk("node2's data brick").stdout());
        // The arbiter keeps the name and metadata, not the data: that is what makes it small.
        assertEquals("0", lab.exec("node1", "stat", "-c", "%s", "/gluster/arbiter/arbiter-check.txt")
                .requireOk("stat on the arbiter brick").stdout().strip());
    }

    @Test
    @Order(5)
    void theArbiterOnTheOtherNodeIsRefusedAsADifferentLayout() {
        String moved = SPEC.replace("node = node1, path", "node = node2, path");
        String infoBefore = lab.exec("node1", "gluster", "--mode=script", "volume", "info", "pair-gfs").stdout();

        Lab.Result apply = lab.cli("apply", "-f", lab.writeSpec("moved.conf", moved).toString());

        assertEquals(1, apply.exitCode(), apply.toString());
        assertTrue(apply.stdout().contains("refused"), apply.stdout());
        assertTrue(apply.stdout().contains("volume:pair-gfs"), apply.stdout());
        assertEquals(infoBefore, lab.exec("node1", "gluster", "--mode=script", "volume", "info", "pair-gfs").stdout());
    }

    @Test
    @Order(6)
    void statusReportsTheVolumeHealthy() throws InterruptedException {
        // Agents report every 5 s: the first full picture after an apply may take one interval.
        Lab.Result status = lab.cli("status", "--output", "json");
        for (int i = 0; i < 40 && status.exitCode() != 0; i++) {
            Thread.sleep(500);
            status = lab.cli("status", "--output", "json");
        }
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.stdout().contains("\"health\":\"HEALTH_HEALTHY\""), status.stdout());
    }

    /** gluster has no mixed mode: an apply without --allow-downtime never switches a running pool to TLS (docs/gluster-tls.md). */
    @Test
    @Order(7)
    void turningGlusterTlsOnForThisRunningClusterIsRefusedBeforeAnyChange() {
        String tls = SPEC.replace("nodes = [node1, node2]", "nodes = [node1, node2]\n  tls = true");

        Lab.Result apply = lab.cli("apply", "-f", lab.writeSpec("tls.conf", tls).toString());

        assertEquals(1, apply.exitCode(), apply.toString());
        assertTrue(apply.stderr().contains("refused, nothing was changed: switching this running cluster to TLS"
                + " needs an outage of volume pair-gfs"), apply.stderr());
        assertTrue(apply.stderr().contains("--allow-downtime"), apply.stderr());
        for (String node : CLUSTER) {
            assertTrue(lab.exec(node, "test", "-e", "/var/lib/glusterd/secure-access").exitCode() != 0, node);
            assertTrue(lab.exec(node, "test", "-e", "/usr/lib/ssl/glusterfs.pem").exitCode() != 0, node);
        }
        String info = lab.exec("node1", "gluster", "--mode=script", "volume", "info", "pair-gfs").requireOk("info").stdout();
        assertTrue(info.contains("Status: Started") && !info.contains("ssl"), info);
    }
}
