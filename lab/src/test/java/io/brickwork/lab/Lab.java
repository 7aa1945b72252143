package io.brickwork.lab;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Drives lab/lab.sh and the packaged jars from a test: nodes, the coordinator in the manager
 * node, an agent in every node, and the brickwork CLI on the host, all as real processes.
 */
final class Lab implements AutoCloseable {
    /** Overridable so two checkouts can run their lab tests side by side without sharing a bridge. */
    static final String PREFIX = envOr("BW_LABTEST_PREFIX", "bwt");
    static final String SUBNET = envOr("BW_LABTEST_SUBNET", "10.213.9");
    static final int PORT = 7443;

    private final Path repo;
    private final int size;
    private final Path dir;
    private final Map<String, String> agentPids = new HashMap<>();
    private String coordinatorPid;

    Lab(Path repo, int size) {
        this.repo = requireNonNull(repo, "repo is null");
        this.size = size;
        this.dir = Path.of("/var/tmp/brickwork-lab-" + PREFIX);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static Path repo() {
        return Path.of(System.getProperty("brickwork.repo", "..")).toAbsolutePath().normalize();
    }

    Path agentJar() {
        return repo.resolve("agent/target/brickwork-agent.jar");
    }

    Path coordinatorJar() {
        return repo.resolve("coordinator/target/brickwork-coordinator.jar");
    }

    String coordinatorAddress() {
        return SUBNET + ".11:" + PORT;
    }

    List<String> nodes() {
        List<String> nodes = new ArrayList<>();
        for (int k = 1; k <= size; k++) {
            nodes.add("node" + k);
        }
        return nodes;
    }

    Path workDir() {
        return dir.resolve("work");
    }

    /** The host's side of a node's own directories: {@code log} is its /var/log/glusterfs. */
    Path nodeDir(String node) {
        return dir.resolve(node);
    }

    void up() {
        if (!Files.isRegularFile(agentJar()) || !Files.isRegularFile(coordinatorJar())) {
            throw new IllegalStateException("the fat jars are missing: run `mvn -B package` (or verify) first");
        }
        // A lab left over from an interrupted run would make `up` refuse.
        labSh(Duration.ofMinutes(2), "down");
        Result up = labSh(Duration.ofMinutes(3), "up", String.valueOf(size));
        up.requireOk("lab.sh up");
        try {
            Files.createDirectories(workDir());
            Files.writeString(workDir().resolve("coordinator.conf"), """
                    brickwork.coordinator {
                      listen = "0.0.0.0:%d"
                      state-dir = "%s"
                      audit-log = "%s"
                      heartbeat-interval = 1s
                      # The lab's Prometheus scrapes from the host.
                      metrics-listen = "0.0.0.0:9443"
                    }
                    """.formatted(PORT, workDir().resolve("coordinator-state"), workDir().resolve("coordinator-audit.log")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The operator's first session: coordinator on node1, an admin certificate for the host's
     * CLI, one join token, and every cluster node joined with it and connected.
     */
    void bootstrap(List<String> cluster) throws InterruptedException {
        startCoordinator();
        awaitCoordinator(Duration.ofSeconds(60));
        managerCli("admin", "cert", "--out", adminTlsDir().toString()).requireOk("admin cert");
        String token = managerCli("token", "create", "--uses", String.valueOf(cluster.size()), "--ttl", "10m")
                .requireOk("token create").stdout().strip();
        for (String node : cluster) {
            joinAgent(node, token);
        }
        awaitConnected(cluster.size(), Duration.ofSeconds(60));
    }

    private void awaitCoordinator(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Result last = null;
        while (System.nanoTime() < deadline) {
            last = managerCli("token", "list");
            if (last.exitCode() == 0) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("coordinator did not come up within " + timeout + ": " + last);
    }

    void awaitConnected(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Result nodes = cli("nodes", "--output", "json");
            last = nodes.toString();
            // Node-level state only: peers, which carry a "connected" flag too, say "Peer in Cluster".
            if (nodes.exitCode() == 0
                    && nodes.stdout().split("\"state\":\"NODE_STATE_CONNECTED\"", -1).length - 1 == count) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("agents did not connect within " + timeout + ": " + last);
    }

    void startCoordinator() {
        coordinatorPid = labSh(Duration.ofSeconds(30), "spawn", "node1", workDir().resolve("coordinator.log").toString(),
                "java", "-Xmx128m", "-XX:+UseSerialGC", "-jar", coordinatorJar().toString(),
                "serve", "--config", workDir().resolve("coordinator.conf").toString())
                .requireOk("start coordinator").stdout().strip();
    }

    /** SIGKILL, as a crash: no shutdown hook, nothing flushed that was not already on disk. */
    void killCoordinator() {
        String pid = requireNonNull(coordinatorPid, "no coordinator started");
        run(Duration.ofSeconds(10), List.of("kill", "-9", pid)).requireOk("kill coordinator " + pid);
        coordinatorPid = null;
    }

    /** The manager's CLI over its local socket, as root on the manager node would run it. */
    Result managerCli(String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-jar",
                coordinatorJar().toString()));
        command.addAll(List.of(args));
        return exec("node1", command.toArray(String[]::new));
    }

    Path agentStateDir(String node) {
        return workDir().resolve(node + "-agent");
    }

    Path agentAuditLog(String node) {
        return workDir().resolve(node + "-audit.log");
    }

    /** First start: join with the token, then run. */
    void joinAgent(String node, String token) {
        startAgent(node, List.of("join", "--token", token, "--coordinator", coordinatorAddress(), "--node-name", node));
    }

    /** Later starts: the agent already has its certificate. */
    void startAgent(String node) {
        startAgent(node, List.of());
    }

    private void startAgent(String node, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("spawn", node, workDir().resolve(node + "-agent.log").toString(),
                "java", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dbrickwork.agent.state-dir=" + agentStateDir(node),
                "-Dbrickwork.agent.audit-log=" + agentAuditLog(node),
                "-Dbrickwork.agent.heartbeat-interval=1s",
                "-Dbrickwork.agent.reconnect-max=1s",
                // No systemd in a lab node: restoring a rebuilt node's identity restarts glusterd directly.
                "-Dbrickwork.agent.restart-unmanaged-glusterd=true",
                "-jar", agentJar().toString()));
        command.addAll(arguments);
        Result spawned = labSh(Duration.ofSeconds(30), command.toArray(String[]::new));
        spawned.requireOk("start agent on " + node);
        agentPids.put(node, spawned.stdout().strip());
    }

    void stopAgent(String node) {
        String pid = requireNonNull(agentPids.remove(node), "no agent started on " + node);
        run(Duration.ofSeconds(10), List.of("kill", pid)).requireOk("kill agent " + pid);
    }

    Result exec(String node, String... argv) {
        List<String> command = new ArrayList<>(List.of("exec", node));
        command.addAll(List.of(argv));
        return labSh(Duration.ofSeconds(60), command.toArray(String[]::new));
    }

    Path adminTlsDir() {
        return workDir().resolve("admin");
    }

    /** The brickwork CLI from the host, as a remote operator: mutual TLS with an admin certificate. */
    Result cli(String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-jar",
                coordinatorJar().toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--coordinator", coordinatorAddress(), "--tls-dir", adminTlsDir().toString()));
        return run(Duration.ofMinutes(10), command);
    }

    /** {@link #cli} as a running process, for a test that reacts to its output line by line. */
    Process startCli(String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-jar",
                coordinatorJar().toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--coordinator", coordinatorAddress(), "--tls-dir", adminTlsDir().toString()));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like {@link #cli} but without credentials: what an anonymous client gets. */
    Result anonymousCli(String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-jar",
                coordinatorJar().toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--coordinator", coordinatorAddress(), "--tls-dir", workDir().resolve("nothing").toString()));
        return run(Duration.ofMinutes(1), command);
    }

    Path writeSpec(String name, String text) {
        try {
            Path file = workDir().resolve(name);
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result labSh(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(repo.resolve("lab/lab.sh").toString()));
        command.addAll(List.of(args));
        return run(timeout, command);
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.length() <= 6000 ? text : "..." + text.substring(text.length() - 6000);
    }

    private static Result run(Duration timeout, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("BW_LAB_PREFIX", PREFIX);
        builder.environment().put("BW_LAB_SUBNET_PREFIX", SUBNET);
        try {
            Path out = Files.createTempFile("lab-out", ".txt");
            Path err = Files.createTempFile("lab-err", ".txt");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                // What it printed until then is how a hang is diagnosed after CI has torn the lab down.
                throw new IllegalStateException("timed out after " + timeout + ": " + command
                        + "\nstdout, its end:\n" + tail(out) + "\nstderr, its end:\n" + tail(err));
            }
            Result result = new Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /**
     * {@code brickwork operations watch ID} until the coordinator answers it: right after a
     * coordinator restart the CLI cannot reach it for a moment.
     */
    Result awaitWatch(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Result watched = cli("operations", "watch", id);
        while (watched.stderr().contains("cannot reach the coordinator") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            watched = cli("operations", "watch", id);
        }
        return watched;
    }

    /**
     * Kills the node's processes whose name matches the sh pattern, by the node's own network
     * namespace, never by name across the host: other labs run the same programs.
     */
    void killInNode(String node, String pattern) {
        exec(node, "sh", "-c", "me=$(readlink /proc/self/ns/net); for p in /proc/[0-9]*; do"
                + " [ \"$(readlink $p/ns/net 2>/dev/null)\" = \"$me\" ] || continue;"
                + " case \"$(cat $p/comm 2>/dev/null)\" in " + pattern + ") kill -9 ${p#/proc/};; esac; done; true")
                .requireOk("kill " + pattern + " on " + node);
    }

    /** The node's bricks killed and gone from /proc, so that glusterd never takes a dead brick's pid for a live one. */
    void killBricks(String node) throws InterruptedException {
        killInNode(node, "glusterfsd");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline && exec(node, "sh", "-c", "me=$(readlink /proc/self/ns/net);"
                + " for p in /proc/[0-9]*; do [ \"$(readlink $p/ns/net 2>/dev/null)\" = \"$me\" ] || continue;"
                + " [ \"$(cat $p/comm 2>/dev/null)\" = glusterfsd ] && exit 1; done; exit 0").exitCode() != 0) {
            Thread.sleep(200);
        }
    }

    /** node1's {@code volume heal VOLUME info summary} (XML), read every second until {@code done} holds. */
    void awaitHealCount(String volume, String what, Duration timeout, Predicate<String> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = exec("node1", "gluster", "--mode=script", "--xml", "volume", "heal", volume, "info", "summary")
                    .stdout();
            if (done.test(last)) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(what + " not reached within " + timeout + ": " + last);
    }

    /** sha256sum's output as file name -> SHA-256. */
    static Map<String, String> sums(String sha256sum) {
        Map<String, String> byName = new TreeMap<>();
        for (String line : sha256sum.strip().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.strip().split("\\s+");
            byName.put(fields[1], fields[0]);
        }
        return byName;
    }

    @Override
    public void close() {
        labSh(Duration.ofMinutes(2), "down");
    }

    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        Result requireOk(String what) {
            if (exitCode != 0) {
                throw new IllegalStateException(what + " failed (exit " + exitCode + "): " + String.join(" ", command)
                        + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }

        /** The output of {@code brickwork status --output json}. */
        GetStatusResponse status() {
            GetStatusResponse.Builder status = GetStatusResponse.newBuilder();
            try {
                JsonFormat.parser().ignoringUnknownFields().merge(stdout.strip(), status);
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("status is not JSON: " + this, e);
            }
            return status.build();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
