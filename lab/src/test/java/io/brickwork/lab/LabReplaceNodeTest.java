package io.brickwork.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
 * When a node dies, on a 5-node lab with real glusterd and one replica-3 volume holding FILES
 * files, in order: replacing node3 while it holds the only copy of pending entries refused; node3
 * killed for good (glusterd, bricks, agent, link) and the other refusals that must
 * change nothing; node4 in node3's place while a writer appends through node1, the coordinator
 * killed at each step boundary and started again; then, the spec unchanged, node2 with a new empty
 * disk (the manager's agent stopped mid-heal), and node2 rebuilt under its own name. Each time every
 * file is the same through every mount and on the healed brick itself.
 * node5 is only there to be a second new node for the refusal of two replacements in one set.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabReplaceNodeTest {
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
              mount { path = "/mnt", owner = root, group = root }
            }]
            """;
    static final String REPLACED = SPEC.replace("node3]", "node4]");
    /** Files of 100 KiB; the writer appends to the first APPENDED of them during the replacement. */
    static final int FILES = Integer.getInteger("brickwork.lab.replace.files", 500);
    static final int APPENDED = 50;

    private Lab lab;
    @RegisterExtension
    final GlusterLogsOnFailure logs = new GlusterLogsOnFailure(() -> lab);
    private Map<String, String> written;

    @BeforeAll
    void up() throws InterruptedException {
        lab = new Lab(Lab.repo(), 5);
        lab.up();
        lab.bootstrap(List.of("node1", "node2", "node3", "node4", "node5"));
        Lab.Result apply = lab.cli("apply", "-f", lab.writeSpec("staging.conf", SPEC).toString());
        apply.requireOk("first apply");
        lab.exec("node1", "sh", "-c", "cd /mnt && for i in $(seq 1 " + FILES + "); do"
                + " head -c 102400 /dev/urandom > f$i; done").requireOk("write files");
        written = checksums("node1");
        assertEquals(FILES, written.size());
    }

    @AfterAll
    void down() {
        if (lab != null) {
            lab.close();
        }
    }

    /**
     * node3 holds entries that exist nowhere else (node2's brick was down while they were written,
     * and the self-heal daemon is off): replacing node3 now would lose them, and is refused. Then
     * the heal runs, and node3 dies for good with nothing pending, which is what the coordinator
     * last reads of it.
     */
    @Test
    @Order(0)
    void replacingTheOnlyGoodCopyOfPendingEntriesIsRefusedAndNothingChanges() throws Exception {
        gluster("volume", "set", "staging-gfs", "cluster.self-heal-daemon", "off");
        lab.killBricks("node2");
        lab.exec("node1", "sh", "-c", "cd /mnt && for i in $(seq 1 20); do head -c 1024 /dev/urandom > pending$i;"
                + " done").requireOk("write while node2's brick is down");
        startVolumeForce();
        String before = volumeInfo();

        Lab.Result apply = lab.cli("apply", "-f", lab.writeSpec("replaced.conf", REPLACED).toString());

        assertEquals(1, apply.exitCode(), apply.toString());
        assertTrue(Pattern.compile("node3:/gluster/brick holds \\d+ entries pending heal, which may exist nowhere else")
                .matcher(apply.stderr()).find(), apply.toString());
        assertEquals(before, volumeInfo());
        assertFalse(peers().contains("node4"), peers());

        gluster("volume", "set", "staging-gfs", "cluster.self-heal-daemon", "on");
        launchHeal(Duration.ofSeconds(60));
        lab.awaitHealCount("staging-gfs", "0 pending on every brick", Duration.ofSeconds(120),
                summary -> summary.split("<numberOfEntriesInHealPending>0<").length == 4);
        // The coordinator must have read node3's heal count (0) before it dies: its last word counts.
        awaitHealthy(Duration.ofSeconds(60));
        killForGood("node3");
    }

    @Test
    @Order(1)
    void twoReplacementsInOneReplicaSetAreRefusedAndNothingChanges() {
        String before = volumeInfo();

        Lab.Result apply = lab.cli("apply", "-f", lab.writeSpec("two.conf",
                SPEC.replace("nodes = [node1, node2, node3]", "nodes = [node1, node4, node5]")).toString());

        assertEquals(1, apply.exitCode(), apply.toString());
        assertTrue(apply.stderr().contains("one replica set"), apply.toString());
        assertEquals(before, volumeInfo());
        assertFalse(peers().contains("node5"), peers());
    }

    @Test
    @Order(2)
    void replacingTheDeadNodeWhileAnotherBrickOfItsSetIsOfflineIsRefusedAndNothingChanges() throws Exception {
        lab.killBricks("node2");
        String before = volumeInfo();
        try {
            Lab.Result apply = lab.cli("apply", "-f", lab.writeSpec("replaced.conf", REPLACED).toString());

            assertEquals(1, apply.exitCode(), apply.toString());
            assertTrue(apply.stderr().contains("node2:/gluster/brick of the same replica set is offline"),
                    apply.toString());
            assertEquals(before, volumeInfo());
            assertFalse(peers().contains("node4"), peers());
        } finally {
            startVolumeForce();
        }
    }

    /**
     * node2's killed brick started again. As LabHealthTest found: glusterd can take a killed brick
     * whose /proc entry is not yet gone for a running one and leave it down after a start; an
     * operator starts it again.
     */
    private void startVolumeForce() throws InterruptedException {
        for (int start = 1; ; start++) {
            gluster("volume", "start", "staging-gfs", "force");
            try {
                lab.awaitHealCount("staging-gfs", "node2:/gluster/brick connected", Duration.ofSeconds(30),
                        summary -> summary.contains("<name>node2:/gluster/brick</name>\n        <status>Connected"));
                return;
            } catch (AssertionError e) {
                if (start == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * The self-heal daemons start a moment after they are turned on; until then glusterd refuses the
     * launch ("brick op 'Heal' failed").
     */
    private void launchHeal(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Lab.Result launch = lab.exec("node1", "gluster", "--mode=script", "volume", "heal", "staging-gfs");
        while (launch.exitCode() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            launch = lab.exec("node1", "gluster", "--mode=script", "volume", "heal", "staging-gfs");
        }
        launch.requireOk("launch the heal of staging-gfs");
    }

    private void gluster(String... arguments) {
        List<String> argv = new ArrayList<>(List.of("gluster", "--mode=script"));
        argv.addAll(List.of(arguments));
        lab.exec("node1", argv.toArray(String[]::new)).requireOk(String.join(" ", argv));
    }

    /**
     * The coordinator is killed (SIGKILL) at each boundary of the replacement, as the next step
     * begins, and started again each time: after the new node is prepared and probed, after the
     * replace-brick (the heal under way), after the heal, and after the detach. Each time the
     * operation resumes under its id from what gluster shows; `operations watch` sees it to the end.
     */
    @Test
    @Order(3)
    void aNewNodeTakesTheDeadOnesPlaceWhileAWriterAppendsAndEveryFileIsTheSameThroughEveryMount()
            throws Exception {
        startWriter();
        long started = System.nanoTime();
        Lab.Result apply;
        Lab.Result watched;
        String id;
        List<String> kills = new ArrayList<>();
        try {
            CompletableFuture<Lab.Result> applying = CompletableFuture.supplyAsync(
                    () -> lab.cli("apply", "-f", lab.writeSpec("replaced.conf", REPLACED).toString()));
            id = awaitRunningOperation(Duration.ofSeconds(120));
            Map<String, Predicate<String>> boundaries = new LinkedHashMap<>();
            boundaries.put("node4 prepared and probed",
                    line -> line.contains("checking that node3:/gluster/brick can be replaced safely"));
            boundaries.put("node3's brick replaced, the heal under way",
                    line -> finished(line, "replace-brick:staging-gfs:node3:/gluster/brick"));
            boundaries.put("node4's brick healed", line -> finished(line, "heal:staging-gfs:node4:/gluster/brick"));
            boundaries.put("node3 detached", line -> finished(line, "detach-peer:node3"));
            for (Map.Entry<String, Predicate<String>> boundary : boundaries.entrySet()) {
                kills.add(boundary.getKey() + ": " + killCoordinatorWhen(id, boundary.getValue(), Duration.ofSeconds(240)));
                lab.startCoordinator();
            }
            apply = applying.get(60, TimeUnit.SECONDS);
            watched = lab.awaitWatch(id, Duration.ofSeconds(60));
        } finally {
            stopWriter();
        }
        kills.forEach(kill -> System.out.println("coordinator killed after " + kill));
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.println("replace node3 with node4 (" + FILES + " files of 100 KiB), coordinator killed at "
                + kills.size() + " step boundaries: apply to the end of the resumed operation took " + seconds + " s");
        System.out.println(apply.stdout());
        System.out.println(watched.stdout());
        assertTrue(apply.stdout().contains("operation " + id), apply.toString());
        assertEquals(0, watched.exitCode(), watched.toString());
        assertEquals(4, kills.size(), kills.toString());
        Thread.sleep(1000);

        lab.awaitHealCount("staging-gfs", "0 pending and 0 in split-brain on every brick", Duration.ofSeconds(120),
                summary -> summary.split("<numberOfEntriesInHealPending>0<").length == 4
                        && summary.split("<numberOfEntriesInSplitBrain>0<").length == 4);
        Map<String, String> node1 = checksums("node1");
        for (String node : List.of("node2", "node4")) {
            assertEquals(node1, checksums(node), "every file as node1 sees it, through " + node + "'s mount");
        }
        for (int i = APPENDED + 1; i <= FILES; i++) {
            assertEquals(written.get("f" + i), node1.get("f" + i), "f" + i + " as written before node3 died");
        }
        for (int i = 1; i <= APPENDED; i++) {
            assertTrue(node1.get("f" + i) != null, "f" + i);
        }
        // node4's brick holds every file itself, not just the volume through the network.
        assertEquals(node1, brickChecksums("node4"));

        String info = volumeInfo();
        assertTrue(info.contains("node4:/gluster/brick") && !info.contains("node3"), info);
        assertFalse(peers().contains("node3"), peers());
        for (String node : List.of("node1", "node2", "node4")) {
            String hosts = lab.exec(node, "cat", "/etc/hosts").requireOk("hosts").stdout();
            assertFalse(hosts.contains("node3"), node + ": " + hosts);
            String fstab = lab.exec(node, "cat", "/etc/fstab").requireOk("fstab").stdout();
            assertFalse(fstab.contains("node3"), node + ": " + fstab);
            assertTrue(fstab.contains("localhost:/staging-gfs"), node + ": " + fstab);
        }
        String authAllow = lab.exec("node1", "gluster", "--mode=script", "volume", "get", "staging-gfs", "auth.allow")
                .requireOk("auth.allow").stdout();
        assertFalse(authAllow.contains(Lab.SUBNET + ".13"), authAllow);
        assertTrue(authAllow.contains(Lab.SUBNET + ".14"), authAllow);
        awaitHealthy(Duration.ofSeconds(60));

        Lab.Result operations = lab.cli("operations");
        assertTrue(operations.stdout().contains(id + "  succeeded"), operations.toString());
        assertTrue(operations.stdout().contains("replace node3 with node4"), operations.toString());
    }

    /**
     * node2 gets a new, empty disk (its brick killed, the directory emptied and without a volume
     * id): the spec does not change, and the apply takes the brick back with reset-brick and
     * heals it, while a writer appends through node1. The manager's agent, through which the heal
     * counts are read, is stopped mid-heal and started again: the operation waits and goes on.
     */
    @Test
    @Order(4)
    void aNewEmptyDiskInALiveNodeIsTakenBackAndHealedWhileTheManagersAgentIsAwayForAWhile() throws Exception {
        lab.killBricks("node2");
        lab.exec("node2", "sh", "-c", "rm -rf /gluster/brick && mkdir /gluster/brick").requireOk("empty node2's brick");
        startWriter();
        Lab.Result apply;
        String id;
        try {
            CompletableFuture<Lab.Result> applying = CompletableFuture.supplyAsync(
                    () -> lab.cli("apply", "-f", lab.writeSpec("replaced.conf", REPLACED).toString()));
            id = awaitHealStep(Duration.ofSeconds(120));
            lab.stopAgent("node1");
            awaitOperationMessage(id, "waiting to read the heal counts", Duration.ofSeconds(30));
            lab.startAgent("node1");
            apply = applying.get(300, TimeUnit.SECONDS);
        } finally {
            stopWriter();
        }
        System.out.println(apply.stdout());
        assertEquals(0, apply.exitCode(), apply.toString());
        assertTrue(changed(apply.stdout(), "reset-brick:staging-gfs:node2:/gluster/brick"), apply.stdout());
        assertTrue(changed(apply.stdout(), "heal:staging-gfs:node2:/gluster/brick"), apply.stdout());
        assertEveryCopyTheSame(List.of("node1", "node2", "node4"), "node2");
        Lab.Result operations = lab.cli("operations");
        assertTrue(operations.stdout().contains(id + "  succeeded") && operations.stdout().contains(
                "reset node2:/gluster/brick"), operations.toString());
    }

    /**
     * node2 is rebuilt under its own name: everything of its gluster and agent killed, its
     * glusterd state, brick, fstab and agent credentials wiped, a fresh glusterd started (a new
     * UUID) that the pool reaches and rejects. Its agent joins again with a replacing token, and
     * the same spec's apply restores its old UUID and peers, lets glusterd import the volume, waits
     * until every peer lists it in the cluster, restarts its glusterd, resets its brick and heals it.
     */
    @Test
    @Order(5)
    void aNodeRebuiltUnderItsOwnNameTakesBackItsIdentityAndItsBrickIsHealed() throws Exception {
        String oldUuid = uuidOf("node2");
        lab.killInNode("node2", "gluster*");
        lab.stopAgent("node2");
        lab.exec("node2", "umount", "-l", "/mnt").requireOk("unmount node2's dead mount");
        lab.exec("node2", "sh", "-c", "cd /var/lib/glusterd && find . -mindepth 1 -maxdepth 1 ! -name hooks"
                + " ! -name groups -exec rm -rf {} + && rm -rf /gluster/brick && : > /etc/fstab"
                + " && printf '127.0.0.1 localhost\\n' > /etc/hosts").requireOk("wipe node2");
        deleteRecursively(lab.agentStateDir("node2"));
        lab.exec("node2", "glusterd", "-p", "/run/glusterd.pid", "-l", "/var/log/glusterfs/glusterd.log")
                .requireOk("start a fresh glusterd on node2");
        awaitGlusterd("node2", Duration.ofSeconds(30));
        assertFalse(uuidOf("node2").equals(oldUuid), "a fresh glusterd has a new UUID");
        String token = lab.managerCli("token", "create", "--node", "node2", "--replace").requireOk("token")
                .stdout().strip();
        lab.joinAgent("node2", token);
        lab.awaitConnected(4, Duration.ofSeconds(60));
        startWriter();
        Lab.Result apply;
        try {
            apply = lab.cli("apply", "-f", lab.writeSpec("replaced.conf", REPLACED).toString());
        } finally {
            stopWriter();
        }
        System.out.println(apply.stdout());
        assertEquals(0, apply.exitCode(), apply.toString());
        for (String step : List.of("restore-glusterd-identity:node2", "import-volumes:node2", "pool-accepts:node2",
                "restart-glusterd:node2", "reset-brick:staging-gfs:node2:/gluster/brick",
                "heal:staging-gfs:node2:/gluster/brick")) {
            assertTrue(changed(apply.stdout(), step), step + " changed, in " + apply.stdout());
        }
        assertEquals(oldUuid, uuidOf("node2"));
        assertTrue(lab.exec("node1", "gluster", "--mode=script", "peer", "status").requireOk("peer status").stdout()
                .contains("Uuid: " + oldUuid + "\nState: Peer in Cluster (Connected)"), "node2 back in the pool");
        assertEveryCopyTheSame(List.of("node1", "node2", "node4"), "node2");
        assertTrue(lab.exec("node2", "cat", "/etc/fstab").requireOk("fstab").stdout().contains("localhost:/staging-gfs"));
    }

    /**
     * Whether the line is the step's, finished: "changed", or "unchanged" when the kill before it
     * landed just after the step had run, and the resumed operation found it done.
     */
    private static boolean finished(String line, String step) {
        return Pattern.compile("(^|\\s)" + Pattern.quote(step) + "\\s+(un)?changed\\b").matcher(line).find();
    }

    /** Whether the output has the step's line with state "changed" (the step column is padded). */
    private static boolean changed(String output, String step) {
        return Pattern.compile("(^|\\s)" + Pattern.quote(step) + "\\s+changed\\b", Pattern.MULTILINE).matcher(output)
                .find();
    }

    private void assertEveryCopyTheSame(List<String> mounts, String healedBrick) throws InterruptedException {
        lab.awaitHealCount("staging-gfs", "0 pending and 0 in split-brain on every brick", Duration.ofSeconds(120),
                summary -> summary.split("<numberOfEntriesInHealPending>0<").length == 4
                        && summary.split("<numberOfEntriesInSplitBrain>0<").length == 4);
        Map<String, String> first = checksums(mounts.get(0));
        assertEquals(FILES, first.size());
        for (int i = APPENDED + 1; i <= FILES; i++) {
            assertEquals(written.get("f" + i), first.get("f" + i), "f" + i + " as written at the start");
        }
        for (String node : mounts.subList(1, mounts.size())) {
            assertEquals(first, checksums(node), "every file as " + mounts.get(0) + " sees it, through " + node
                    + "'s mount");
        }
        assertEquals(first, brickChecksums(healedBrick), healedBrick + "'s brick holds every file itself");
        awaitHealthy(Duration.ofSeconds(60));
    }

    private String uuidOf(String node) {
        String info = lab.exec(node, "cat", "/var/lib/glusterd/glusterd.info").requireOk("glusterd.info").stdout();
        return info.lines().filter(line -> line.startsWith("UUID=")).findFirst().orElseThrow().substring(5).strip();
    }

    private void awaitGlusterd(String node, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lab.exec(node, "gluster", "--mode=script", "pool", "list").exitCode() != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("glusterd on " + node + " not answering within " + timeout);
            }
            Thread.sleep(300);
        }
    }

    private void awaitOperationMessage(String id, String message, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Lab.Result operations = null;
        while (System.nanoTime() < deadline) {
            operations = lab.cli("operations");
            if (operations.stdout().contains(id + "  running") && operations.stdout().contains(message)) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("operation " + id + " did not say '" + message + "' within " + timeout + ": "
                + operations);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * Watches the operation and kills the coordinator (SIGKILL) on the first line {@code boundary}
     * accepts; returns that line.
     */
    private String killCoordinatorWhen(String id, Predicate<String> boundary, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            Process watch = lab.startCli("operations", "watch", id);
            try {
                CompletableFuture<String> found = CompletableFuture.supplyAsync(() -> {
                    try (BufferedReader lines = watch.inputReader()) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            seen.append(line).append('\n');
                            if (boundary.test(line)) {
                                lab.killCoordinator();
                                return line;
                            }
                        }
                        return null;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                String line = found.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line != null) {
                    return line.strip();
                }
            } finally {
                watch.destroyForcibly();
            }
            // The watch ended without the line: the restarted coordinator was not answering yet, or
            // the operation ended, which no later boundary can follow.
            Lab.Result operations = lab.cli("operations");
            if (operations.exitCode() == 0 && operations.stdout().lines()
                    .anyMatch(line -> line.startsWith(id) && line.contains(" failed "))) {
                throw new AssertionError("the operation failed before the boundary: " + operations.stdout()
                        + "\nthe watch printed:\n" + seen);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not seen within " + timeout + "; the watch printed:\n" + seen);
    }

    /** The running operation's id. */
    private String awaitRunningOperation(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Lab.Result operations = null;
        while (System.nanoTime() < deadline) {
            operations = lab.cli("operations");
            for (String line : operations.stdout().split("\n")) {
                if (line.contains("running")) {
                    return line.strip().split("\\s+")[0];
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no operation running within " + timeout + ": " + operations);
    }

    private void startWriter() {
        Lab.Result clear = lab.exec("node1", "rm", "-f", "/mnt/.stop-writer");
        if (clear.exitCode() != 0) {
            // The mount's client is gone: its log says why (a crash leaves a backtrace there).
            System.out.println("node1's mount log, its end:\n" + lab.exec("node1", "tail", "-n", "60",
                    "/var/log/glusterfs/mnt.log").stdout());
        }
        clear.requireOk("clear the writer's stop file");
        lab.labSh(Duration.ofSeconds(30), "spawn", "node1", lab.workDir().resolve("writer.log").toString(),
                "sh", "-c", "i=0; while [ ! -e /mnt/.stop-writer ]; do echo line$i >> /mnt/f$((i % " + APPENDED
                        + " + 1)); i=$((i+1)); sleep 0.05; done").requireOk("start the writer");
    }

    private void stopWriter() throws InterruptedException {
        lab.exec("node1", "touch", "/mnt/.stop-writer").requireOk("stop the writer");
        Thread.sleep(500);
    }

    /** The running operation's id, once it is waiting for the heal (its step in progress). */
    private String awaitHealStep(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Lab.Result operations = null;
        while (System.nanoTime() < deadline) {
            operations = lab.cli("operations");
            for (String line : operations.stdout().split("\n")) {
                if (line.contains("running") && operations.stdout().contains("now: node1 / heal:staging-gfs")) {
                    return line.strip().split("\\s+")[0];
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the operation did not reach the heal within " + timeout + ": " + operations);
    }

    private String volumeInfo() {
        return lab.exec("node1", "gluster", "--mode=script", "volume", "info", "staging-gfs").requireOk("volume info")
                .stdout();
    }

    private String peers() {
        return lab.exec("node1", "gluster", "--mode=script", "pool", "list").requireOk("pool list").stdout();
    }

    /** file name -> SHA-256, through the node's mount, for the files the test wrote. */
    private Map<String, String> checksums(String node) {
        return Lab.sums(lab.exec(node, "sh", "-c", "cd /mnt && sha256sum f*").requireOk("sha256sum on " + node).stdout());
    }

    private Map<String, String> brickChecksums(String node) {
        return Lab.sums(lab.exec(node, "sh", "-c", "cd /gluster/brick && sha256sum f*").requireOk("brick sums").stdout());
    }

    /** Everything of the node's gluster (glusterd, bricks, clients) and its agent, then its link: dead for good. */
    private void killForGood(String node) {
        lab.killInNode(node, "gluster*");
        lab.stopAgent(node);
        lab.labSh(Duration.ofSeconds(10), "link", node, "down").requireOk("cut " + node);
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Lab.Result status = null;
        while (System.nanoTime() < deadline) {
            status = lab.cli("status", "--output", "json");
            if (status.exitCode() == 0 && status.stdout().contains("\"health\":\"HEALTH_HEALTHY\"")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("not HEALTHY within " + timeout + ": " + status);
    }
}
