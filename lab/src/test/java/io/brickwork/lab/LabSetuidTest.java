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
 * Issue #13, item 4: the volume carries no setuid root or devices to the hosts. Whoever can
 * write to the volume on one node (any container there) puts a setuid-root copy of id(1) on it;
 * on another node it runs without gaining root, because Brickwork mounts with nosuid,nodev.
 * Mount options that would make the root client write files or trust other servers are refused.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabSetuidTest {
    private static final String SPEC = """
            cluster {
              name = suid
              manager = node1
              nodes = [node1, node2]
            }
            volumes = [{
              name = suid-gfs
              replica = 1
              brick = "/gluster/brick"
              force = true
              mount { path = "/mnt", owner = root, group = root }
            }]
            """;

    private Lab lab;
    @RegisterExtension
    final GlusterLogsOnFailure logs = new GlusterLogsOnFailure(() -> lab);
    private Path spec;

    @BeforeAll
    void up() throws InterruptedException {
        lab = new Lab(Lab.repo(), 2);
        lab.up();
        lab.bootstrap(List.of("node1", "node2"));
        spec = lab.writeSpec("suid.conf", SPEC);
    }

    @AfterAll
    void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void mountOptionsThatMakeTheRootClientWriteFilesAreRefusedNamingTheKey() {
        String withLogFile = SPEC.replace("group = root }", "group = root, options = \"defaults,log-file=/etc/cron.d/bw\" }");

        Lab.Result apply = lab.cli("apply", "-f", lab.writeSpec("logfile.conf", withLogFile).toString());

        assertEquals(2, apply.exitCode(), apply.toString());
        assertTrue(apply.stderr().contains("volumes[0].mount.options"), apply.toString());
        assertTrue(apply.stderr().contains("log-file is not allowed"), apply.toString());
        assertEquals(1, lab.exec("node1", "test", "-e", "/etc/cron.d/bw").exitCode());
    }

    @Test
    @Order(2)
    void theVolumeIsMountedNosuidNodevOnEveryNode() {
        Lab.Result apply = lab.cli("apply", "-f", spec.toString());
        assertEquals(0, apply.exitCode(), apply.toString());

        for (String node : List.of("node1", "node2")) {
            String options = lab.exec(node, "findmnt", "-n", "-o", "OPTIONS", "/mnt").requireOk("findmnt").stdout();
            assertTrue(options.contains("nosuid") && options.contains("nodev"), node + ": " + options);
            String fstab = lab.exec(node, "cat", "/etc/fstab").requireOk("cat").stdout();
            assertTrue(fstab.contains(" /mnt glusterfs defaults,_netdev,nosuid,nodev,"), node + ": " + fstab);
        }
    }

    @Test
    @Order(3)
    void aSetuidRootBinaryWrittenOnOneNodeDoesNotRunAsRootOnAnother() throws InterruptedException {
        lab.exec("node1", "cp", "/usr/bin/id", "/mnt/suid-id").requireOk("cp");
        lab.exec("node1", "chown", "root:root", "/mnt/suid-id").requireOk("chown");
        lab.exec("node1", "chmod", "4755", "/mnt/suid-id").requireOk("chmod");
        Lab.Result mode = lab.exec("node2", "stat", "-c", "%a %U", "/mnt/suid-id");
        for (int i = 0; i < 20 && !mode.stdout().strip().equals("4755 root"); i++) {
            Thread.sleep(250);
            mode = lab.exec("node2", "stat", "-c", "%a %U", "/mnt/suid-id");
        }
        assertEquals("4755 root", mode.stdout().strip(), mode.toString());

        Lab.Result euid = lab.exec("node2", "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                "/mnt/suid-id", "-u");

        assertEquals(0, euid.exitCode(), euid.toString());
        assertEquals("65534", euid.stdout().strip(), "the setuid bit took effect: " + euid);
    }
}
