package io.brickwork.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #13, item 3 on a real glusterfs mount: whoever can write to the volume (a container)
 * swaps the parent of ten application directories for a symlink into /var, over and over, while
 * applies change their owner and mode. The link leads to host directories with the same names.
 * The agent is root; it must never create, chown or chmod anything under /var.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabSymlinkRaceTest {
    private static final String VICTIM = "brickwork-race-victim-";
    private static final int DIRECTORIES = 10;
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
              directories = [DIRECTORIES]
            }]
            """;
    /**
     * Every 20 ms swaps /mnt/apps for a link to TARGET for 3 ms, until /mnt/.stop-race appears;
     * prints how many swaps it made. Mostly a directory, so that checks pass and applies run;
     * briefly a link, long enough to fall between a check and the act that follows it. Python
     * rather than a shell loop, whose forks would make the timing loose.
     */
    private static final String RACER = """
            import os, time
            os.chdir("/mnt")
            n = 0
            while not os.path.exists("/mnt/.stop-race"):
                time.sleep(0.02)
                try:
                    os.rename("apps", "apps.real")
                    os.symlink("TARGET", "apps")
                    n += 1
                    time.sleep(0.003)
                    os.unlink("apps")
                except OSError:
                    pass
                if os.path.lexists("apps.real") and not os.path.lexists("apps"):
                    os.rename("apps.real", "apps")
            print(n)
            """;

    private Lab lab;
    @RegisterExtension
    final GlusterLogsOnFailure logs = new GlusterLogsOnFailure(() -> lab);

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

    /** The application directories apps/brickwork-race-victim-N, all owned by {@code owner:group}. */
    private Path spec(String owner, String group) {
        List<String> directories = new ArrayList<>();
        for (int i = 1; i <= DIRECTORIES; i++) {
            directories.add("{ path = \"apps/" + VICTIM + i + "\", owner = " + owner + ", group = " + group
                    + ", mode = \"0700\" }");
        }
        return lab.writeSpec("race-" + owner + "-" + group + ".conf", SPEC.replace("DIRECTORIES", String.join(", ", directories)));
    }

    private String listing(String pattern) {
        return lab.exec("node1", "sh", "-c", "stat -c '%n %U:%G %a' " + pattern).requireOk("stat").stdout();
    }

    @Test
    void aWriterSwappingAnApplicationDirectoryForALinkIntoVarNeverGetsAHostPathChownedOrCreated() throws Exception {
        Lab.Result first = lab.cli("apply", "-f", spec("daemon", "daemon").toString());
        assertEquals(0, first.exitCode(), first.toString());
        // Host directories under /var named like the application directories: through the link,
        // a path re-resolved after its check would chown and chmod them.
        Path hostTree = lab.workDir().resolve("host-tree");
        for (int i = 1; i <= DIRECTORIES; i++) {
            Files.createDirectories(hostTree.resolve(VICTIM + i));
        }
        lab.exec("node1", "chmod", "-R", "0755", hostTree.toString()).requireOk("chmod");
        String var = listing("/var /var/*");
        String tree = listing(hostTree + "/*");

        CompletableFuture<Lab.Result> racer = CompletableFuture.supplyAsync(() -> lab.exec("node1", "timeout", "300",
                "python3", "-c", RACER.replace("TARGET", hostTree.toString())));
        List<Integer> exitCodes = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                Path spec = i % 2 == 0 ? spec("nobody", "nogroup") : spec("daemon", "daemon");
                Lab.Result apply = lab.cli("apply", "-f", spec.toString());
                exitCodes.add(apply.exitCode());
                assertTrue(apply.exitCode() == 0 || apply.exitCode() == 1, apply.toString());
            }
        } finally {
            lab.exec("node1", "touch", "/mnt/.stop-race");
        }
        Lab.Result raced = racer.get();
        raced.requireOk("racer");

        assertTrue(Integer.parseInt(raced.stdout().strip()) > 0, "the racer never swapped: " + raced);
        assertEquals(tree, listing(hostTree + "/*"), "applies " + exitCodes + ", swaps " + raced.stdout().strip());
        assertEquals(var, listing("/var /var/*"), "applies " + exitCodes);
        // With the writer gone the next apply converges as usual.
        lab.exec("node1", "rm", "-f", "/mnt/.stop-race").requireOk("rm");
        Lab.Result settled = lab.cli("apply", "-f", spec("daemon", "daemon").toString());
        assertEquals(0, settled.exitCode(), settled.toString());
        assertEquals("daemon:daemon 700", lab.exec("node1", "stat", "-c", "%U:%G %a", "/mnt/apps/" + VICTIM + 1)
                .requireOk("stat").stdout().strip());
    }
}
