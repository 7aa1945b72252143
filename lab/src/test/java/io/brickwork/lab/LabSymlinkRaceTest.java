package io.brickwork.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #13, item 3 on a real glusterfs mount: whoever can write to the volume (a container)
 * swaps an application directory's parent for a symlink to /var, over and over, while applies
 * run. The agent is root; it must never create, chown or chmod anything under /var.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabSymlinkRaceTest {
    private static final String VICTIM = "brickwork-race-victim";
    private static final String SPEC = """
            cluster {
              name = race
              manager = node1
              nodes = [node1]
            }
            volumes = [{
              name = race-gfs
              replica = 1
              brick = "/gluster/brick"
              force = true
              mount { path = "/mnt", owner = root, group = root }
              directories = [{ path = "apps/%s", owner = OWNER, group = OWNER, mode = "0700" }]
            }]
            """.formatted(VICTIM);
    /**
     * Swaps /mnt/apps for a link to /var and back until /mnt/.stop-race appears; prints how
     * many swaps it made.
     */
    private static final String RACER = """
            cd /mnt || exit 1
            n=0
            while [ ! -e /mnt/.stop-race ]; do
              if mv apps apps.real 2>/dev/null; then
                ln -s /var apps
                rm -f apps
                mv apps.real apps
                n=$((n+1))
              fi
            done
            echo "$n"
            """;

    private Lab lab;

    @BeforeAll
    void up() throws InterruptedException {
        lab = new Lab(Lab.repo(), 1);
        lab.up();
        lab.bootstrap(List.of("node1"));
    }

    @AfterAll
    void down() {
        if (lab != null) {
            lab.close();
        }
    }

    private Path spec(String owner) {
        return lab.writeSpec("race-" + owner + ".conf", SPEC.replace("OWNER", owner));
    }

    private String varListing() {
        return lab.exec("node1", "sh", "-c", "stat -c '%n %U:%G %a' /var /var/*").requireOk("stat /var").stdout();
    }

    @Test
    void aWriterSwappingAnApplicationDirectoryForALinkToVarNeverGetsAHostPathChownedOrCreated() throws Exception {
        Lab.Result first = lab.cli("apply", "-f", spec("daemon").toString());
        assertEquals(0, first.exitCode(), first.toString());
        String before = varListing();

        CompletableFuture<Lab.Result> racer = CompletableFuture.supplyAsync(
                () -> lab.exec("node1", "timeout", "300", "sh", "-c", RACER));
        List<Integer> exitCodes = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Lab.Result apply = lab.cli("apply", "-f", spec(i % 2 == 0 ? "nobody" : "daemon").toString());
                exitCodes.add(apply.exitCode());
                assertTrue(apply.exitCode() == 0 || apply.exitCode() == 1, apply.toString());
            }
        } finally {
            lab.exec("node1", "touch", "/mnt/.stop-race");
        }
        Lab.Result raced = racer.get();
        raced.requireOk("racer");

        assertTrue(Integer.parseInt(raced.stdout().strip()) > 0, "the racer never swapped: " + raced);
        assertEquals(before, varListing(), "applies " + exitCodes);
        assertEquals(1, lab.exec("node1", "test", "-e", "/var/" + VICTIM).exitCode());
        // With the writer gone the next apply converges as usual.
        lab.exec("node1", "rm", "-f", "/mnt/.stop-race").requireOk("rm");
        Lab.Result settled = lab.cli("apply", "-f", spec("daemon").toString());
        assertEquals(0, settled.exitCode(), settled.toString());
        assertEquals("daemon:daemon 700", lab.exec("node1", "stat", "-c", "%U:%G %a", "/mnt/apps/" + VICTIM)
                .requireOk("stat").stdout().strip());
    }
}
