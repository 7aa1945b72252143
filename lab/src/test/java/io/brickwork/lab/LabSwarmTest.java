package io.brickwork.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.StorageLabel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * The point of it all, on a real 3-node Swarm (one dockerd per lab node, lab/swarm/swarm.sh):
 * Brickwork applied with an application directory, the README's stack writes a file there,
 * its node is drained, and the task on another node reads the same bytes. A node whose mount
 * goes away loses its storage-ready label within 10 s and gets no task of a constrained service;
 * the label comes back with the mount. {@code init --from-swarm} writes a spec plan accepts.
 */
@Tag("lab")
@Tag("lab-swarm")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabSwarmTest {
    static final List<String> CLUSTER = List.of("node1", "node2", "node3");
    static final String VOLUME = "staging-gfs";
    static final String LABEL = "brickwork.storage." + VOLUME;
    static final String SPEC = """
            cluster { name = staging, manager = node1, nodes = [node1, node2, node3] }
            volumes = [{
              name = staging-gfs
              replica = 3
              brick = "/gluster/brick"
              force = true
              mount { path = "/mnt", owner = root, group = docker }
              directories = [{ path = "dogtracker", owner = 1000, group = 1000, mode = "0750" }]
            }]
            """;
    static final String IMAGE = "brickwork-busybox:lab";

    private Lab lab;
    @RegisterExtension
    final GlusterLogsOnFailure logs = new GlusterLogsOnFailure(() -> lab);

    @BeforeAll
    void up() throws InterruptedException, IOException {
        lab = new Lab(Lab.repo(), 3);
        swarmSh(Duration.ofMinutes(1), "down");
        lab.up();
        swarmSh(Duration.ofMinutes(3), "up").requireOk("swarm.sh up");
        // The coordinator runs on node1, the Swarm's manager: its own Docker socket.
        Files.writeString(lab.workDir().resolve("coordinator.conf"), """
                brickwork.coordinator.swarm { docker-host = "unix:///run/docker.sock", reconcile-interval = 3s }
                """, java.nio.file.StandardOpenOption.APPEND);
        lab.bootstrap(CLUSTER);
        lab.cli("apply", "-f", lab.writeSpec("staging.conf", SPEC).toString()).requireOk("apply");
    }

    @AfterAll
    void down() {
        if (lab != null) {
            swarmSh(Duration.ofMinutes(1), "down");
            lab.close();
        }
    }

    @Test
    @Order(1)
    void applicationDirectoryHasItsOwnerAndModeOnEveryNodeAndASecondApplyChangesNothing() {
        for (String node : CLUSTER) {
            assertEquals("1000:1000 750 fuse.glusterfs", lab.exec(node, "stat", "-c", "%u:%g %a", "/mnt/dogtracker")
                    .requireOk("stat").stdout().strip() + " " + lab.exec(node, "findmnt", "-n", "-o", "FSTYPE", "/mnt")
                    .requireOk("findmnt").stdout().strip(), node);
            String dropIn = lab.exec(node, "cat", "/etc/systemd/system/docker.service.d/brickwork-mounts.conf")
                    .requireOk("drop-in").stdout();
            assertTrue(dropIn.contains("[Unit]\nRequiresMountsFor=/mnt\nAfter=remote-fs.target\n"), dropIn);
        }
        Lab.Result plan = lab.cli("plan", "-f", lab.workDir().resolve("staging.conf").toString()).requireOk("plan");
        assertTrue(plan.stdout().contains("plan: nothing to do"), plan.stdout());
    }

    @Test
    @Order(2)
    void directoryPathsLeavingTheVolumeAreRefusedWithExit2() {
        for (String path : List.of("../etc", "/etc", "apps/../../x")) {
            Lab.Result plan = lab.cli("plan", "-f", lab.writeSpec("bad.conf", SPEC.replace("\"dogtracker\"",
                    "\"" + path + "\"")).toString());
            assertEquals(2, plan.exitCode(), plan.toString());
            assertTrue(plan.stderr().contains("volumes[0].directories[0].path"), plan.stderr());
        }
    }

    @Test
    @Order(3)
    void aSymlinkOnTheVolumeIsNeverFollowedAndNothingChanges() {
        lab.exec("node1", "ln", "-s", "/etc", "/mnt/escape").requireOk("plant a symlink on the volume");
        try {
            Lab.Result apply = lab.cli("apply", "-f", lab.writeSpec("escape.conf", SPEC.replace("\"dogtracker\"",
                    "\"escape/brickwork-was-here\"")).toString());
            assertEquals(1, apply.exitCode(), apply.toString());
            assertTrue(apply.stdout().contains("/mnt/escape is a symlink (to /etc)"), apply.stdout());
            assertEquals(1, lab.exec("node1", "test", "-e", "/etc/brickwork-was-here").exitCode());
        } finally {
            lab.exec("node1", "rm", "/mnt/escape").requireOk("remove the symlink");
        }
    }

    @Test
    @Order(4)
    void initFromSwarmWritesASpecThatPlanAcceptsUnchanged() {
        Lab.Result init = lab.managerCli("init", "--from-swarm", "--docker-host", "unix:///run/docker.sock",
                "--cluster-name", "staging", "--volume", VOLUME).requireOk("init --from-swarm");
        assertTrue(init.stdout().contains("nodes = [\"node1\", \"node2\", \"node3\"]"), init.stdout());
        assertTrue(init.stdout().contains("replica = 3"), init.stdout());
        Path spec = lab.writeSpec("from-swarm.conf", init.stdout());

        lab.cli("plan", "-f", spec.toString()).requireOk("plan of the spec init wrote");
    }

    @Test
    @Order(5)
    void everyHealthyNodeCarriesTheStorageReadyLabelAndStatusSaysSo() throws InterruptedException {
        for (String node : CLUSTER) {
            await(node + " labelled ready", Duration.ofSeconds(30), () -> label(node).equals("ready"));
        }
        await("status shows three labelled nodes", Duration.ofSeconds(10), () -> status().getStorageLabelsList().stream()
                .filter(label -> label.getReady() && label.getLabelled()).count() == 3);
    }

    @Test
    @Order(6)
    void theReadmeStacksFilesSurviveItsTaskMovingToAnotherNode() throws InterruptedException, IOException {
        Path stack = lab.workDir().resolve("dogtracker.yml");
        Files.writeString(stack, readmeStack().replace("busybox:1.36", IMAGE));
        // The lab's dockerd has no bridge and leaves iptables alone: tasks use the node's network.
        Path hostNetwork = lab.workDir().resolve("host-network.yml");
        Files.writeString(hostNetwork, """
                version: "3.7"
                services:
                  dogtracker:
                    networks: [hostnet]
                networks:
                  hostnet:
                    external: true
                    name: host
                """);
        docker("stack", "deploy", "--resolve-image", "never", "-c", stack.toString(), "-c", hostNetwork.toString(),
                "dogtracker").requireOk("stack deploy");
        String first = awaitRunningOn("dogtracker_dogtracker", Duration.ofSeconds(90), null);
        String seenFirst = awaitFile("/mnt/dogtracker/seen-on-" + first, Duration.ofSeconds(30));
        String written = lab.exec("node1", "sha256sum", "/mnt/dogtracker/tracks").requireOk("sha256sum").stdout()
                .split(" ")[0];
        assertEquals(written, seenFirst.split(" ")[0]);

        docker("node", "update", "--availability", "drain", first).requireOk("drain " + first);
        try {
            String second = awaitRunningOn("dogtracker_dogtracker", Duration.ofSeconds(90), first);
            String seenSecond = awaitFile("/mnt/dogtracker/seen-on-" + second, Duration.ofSeconds(30));
            assertEquals(written, seenSecond.split(" ")[0], "the moved task read other bytes");
        } finally {
            docker("node", "update", "--availability", "active", first).requireOk("activate " + first);
            docker("stack", "rm", "dogtracker").requireOk("stack rm");
        }
    }

    @Test
    @Order(7)
    void aNodeWithoutItsMountLosesTheLabelWithinTenSecondsGetsNoTaskAndGetsItBackWithTheMount()
            throws InterruptedException {
        lab.exec("node3", "umount", "/mnt").requireOk("umount on node3");
        long start = System.nanoTime();
        try {
            await("node3 label removed", Duration.ofSeconds(10), () -> label("node3").isEmpty());
            System.out.printf("label removed %d ms after the unmount%n",
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
            assertEquals("ready", label("node1"));
            StorageLabel shown = status().getStorageLabelsList().stream()
                    .filter(label -> label.getNode().equals("node3")).findFirst().orElseThrow();
            assertFalse(shown.getReady() || shown.getLabelled(), shown.toString());
            assertEquals("/mnt MOUNT_STATE_NOT_MOUNTED", shown.getReason());

            docker("service", "create", "--detach", "--name", "probe", "--mode", "global", "--no-resolve-image",
                    "--network", "host", "--constraint", "node.labels." + LABEL + "==ready", IMAGE,
                    "sleep", "2147483647").requireOk("service create");
            await("probe running on node1 and node2", Duration.ofSeconds(60),
                    () -> runningNodes("probe").containsAll(List.of("node1", "node2")));
            Thread.sleep(3000);
            assertFalse(docker("service", "ps", "--format", "{{.Node}}", "probe").stdout().contains("node3"),
                    "a task of the constrained service was placed on node3");
            docker("service", "rm", "probe").requireOk("service rm");
        } finally {
            lab.exec("node3", "mount", "/mnt").requireOk("mount on node3");
        }
        await("node3 label back", Duration.ofSeconds(30), () -> label("node3").equals("ready"));
    }

    private GetStatusResponse status() {
        return lab.cli("status", "--output", "json").status();
    }

    private static String readmeStack() throws IOException {
        String readme = Files.readString(Lab.repo().resolve("README.md"));
        int start = readme.indexOf("<!-- stack-example");
        int open = readme.indexOf("```yaml\n", start) + "```yaml\n".length();
        int close = readme.indexOf("```", open);
        assertTrue(start >= 0 && close > open, "README has no stack example");
        return readme.substring(open, close);
    }

    private String label(String node) {
        return docker("node", "inspect", "--format", "{{ index .Spec.Labels \"" + LABEL + "\" }}", node)
                .requireOk("node inspect").stdout().strip().replace("<no value>", "");
    }

    private List<String> runningNodes(String service) {
        List<String> nodes = new ArrayList<>();
        for (String line : docker("service", "ps", "--filter", "desired-state=running", "--format",
                "{{.Node}} {{.CurrentState}}", service).stdout().split("\n")) {
            if (line.contains(" Running")) {
                nodes.add(line.split(" ")[0]);
            }
        }
        return nodes;
    }

    /** The node a task of the service runs on, other than {@code not}. */
    private String awaitRunningOn(String service, Duration timeout, String not) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String node : runningNodes(service)) {
                if (!node.equals(not)) {
                    return node;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(service + " not running" + (not == null ? "" : " off " + not) + " within " + timeout
                + ": " + docker("service", "ps", "--no-trunc", service));
    }

    private String awaitFile(String path, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Lab.Result last = null;
        while (System.nanoTime() < deadline) {
            last = lab.exec("node1", "cat", path);
            if (last.exitCode() == 0 && !last.stdout().isBlank()) {
                return last.stdout();
            }
            Thread.sleep(500);
        }
        throw new AssertionError(path + " did not appear within " + timeout + ": " + last);
    }

    private static void await(String what, Duration timeout, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            Thread.sleep(250);
        }
    }

    /** The docker CLI on node1, the Swarm manager. */
    private Lab.Result docker(String... args) {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/docker", "--host", "unix:///run/docker.sock"));
        argv.addAll(List.of(args));
        return lab.exec("node1", argv.toArray(String[]::new));
    }

    static Lab.Result swarmSh(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(Lab.repo().resolve("lab/swarm/swarm.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("BW_LAB_PREFIX", Lab.PREFIX);
        builder.environment().put("BW_LAB_SUBNET_PREFIX", Lab.SUBNET);
        try {
            Path out = Files.createTempFile("swarm-out", ".txt");
            builder.redirectErrorStream(true).redirectOutput(out.toFile());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout + ": " + command);
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            return new Lab.Result(command, process.exitValue(), output, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }
}
