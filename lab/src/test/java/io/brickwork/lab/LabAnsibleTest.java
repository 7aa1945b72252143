package io.brickwork.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.Health;
import io.brickwork.proto.coordinator.v1.ListTokensResponse;
import io.brickwork.proto.coordinator.v1.NodeState;
import io.brickwork.proto.coordinator.v1.VolumeStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18: the Ansible role of packaging/ansible/, run with Debian's ansible-playbook over SSH
 * against three fresh booted Debian machines (lab/machines/machines.sh) as an operator would run
 * site.yml: first in check mode (nothing may change), then for real (packages, one token and one
 * join per node, the spec applied), then again (nothing may change). Ordered: one operator's session.
 */
@Tag("lab-machines")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabAnsibleTest {
    static final List<String> MACHINES = List.of("m1", "m2", "m3");
    static final String MANAGER = "m1";
    static final String VOLUME = "staging-gfs";
    static final String VARIABLES = """
            brickwork_manager: m1
            brickwork_agent_deb: "%s"
            brickwork_coordinator_deb: "%s"
            brickwork_cluster_name: staging
            brickwork_volumes:
              - name: staging-gfs
                replica: 3
                brick: /gluster/brick
                force: true
                mount: {path: /mnt, owner: root, group: docker}
            """;
    /** A host's line of the play recap: "m1 : ok=12 changed=3 unreachable=0 failed=0 ...". */
    static final Pattern RECAP = Pattern.compile("^(m\\d)\\s*:\\s*ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)",
            Pattern.MULTILINE);
    static final Duration PLAYBOOK_TIMEOUT = Duration.ofMinutes(10);

    /** The SSH key, known_hosts, inventory and Ansible's local files of this run. */
    @TempDir
    static Path dir;

    private final Path repo = Lab.repo();
    private Machines machines;

    @BeforeAll
    void up() throws IOException {
        Path agentDeb = deb("brickwork-agent_");
        Path coordinatorDeb = deb("brickwork-coordinator_");
        run(Duration.ofMinutes(1), List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "brickwork-lab-ansible",
                "-f", dir.resolve("id").toString()), Map.of()).requireOk("ssh-keygen");
        machines = new Machines(repo);
        machines.up(MACHINES.size());
        for (String machine : MACHINES) {
            machines.copy(machine, dir.resolve("id.pub"), "/root/.ssh/authorized_keys");
        }
        StringBuilder inventory = new StringBuilder("[brickwork]\n");
        for (String machine : MACHINES) {
            inventory.append(machine).append(" ansible_host=").append(Machines.address(machine)).append('\n');
        }
        // The test's own key and known_hosts: nothing of the host's ~/.ssh is read or written.
        inventory.append("\n[brickwork:vars]\nansible_user=root\nansible_python_interpreter=/usr/bin/python3\n")
                .append("ansible_ssh_private_key_file=").append(dir.resolve("id")).append('\n')
                .append("ansible_ssh_common_args='-o UserKnownHostsFile=").append(dir.resolve("known_hosts"))
                .append(" -o StrictHostKeyChecking=accept-new -o ConnectTimeout=10'\n");
        Files.writeString(dir.resolve("inventory.ini"), inventory);
        Files.writeString(dir.resolve("vars.yml"), VARIABLES.formatted(agentDeb, coordinatorDeb));
    }

    @AfterAll
    void down() {
        if (machines != null) {
            machines.close();
        }
    }

    @Test
    @Order(1)
    void checkModeOnFreshMachinesChangesNothing() {
        Lab.Result check = playbook("--check");
        assertEquals(0, check.exitCode(), check.toString());
        Map<String, Recap> recap = recap(check);
        assertEquals(MACHINES, List.copyOf(recap.keySet()), check.stdout());
        for (String machine : MACHINES) {
            assertEquals(0, recap.get(machine).unreachable() + recap.get(machine).failed(), machine + ": " + check.stdout());
            assertNotEquals(0, machines.exec(machine, "dpkg-query", "-W", "brickwork-agent").exitCode(),
                    machine + ": brickwork-agent installed by --check");
            for (String path : List.of("/var/lib/brickwork-agent", "/var/lib/brickwork", "/etc/brickwork",
                    "/var/cache/brickwork-debs", "/usr/bin/brickwork-agent")) {
                assertFalse(exists(machine, path), machine + ": " + path + " made by --check");
            }
        }
        assertTrue(recap.get(MANAGER).changed() > 0, "check mode reports what it would change: " + check.stdout());
    }

    @Test
    @Order(2)
    void thePlaybookInstallsJoinsEveryNodeAndAppliesTheSpec() throws InterruptedException {
        Lab.Result first = playbook();
        assertEquals(0, first.exitCode(), first.toString());
        Map<String, Recap> recap = recap(first);
        for (String machine : MACHINES) {
            assertEquals(0, recap.get(machine).unreachable() + recap.get(machine).failed(), machine + ": " + first.stdout());
            assertTrue(recap.get(machine).changed() > 0, machine + " changed nothing: " + first.stdout());
        }
        // no_log: the tokens made and used in this run appear in no output.
        assertFalse((first.stdout() + first.stderr()).contains("BWTKN-"), "a join token in the output:\n" + first);

        GetStatusResponse status = awaitHealthy();
        for (String machine : MACHINES) {
            assertTrue(status.getNodesList().stream().anyMatch(n -> n.getName().equals(machine)
                    && n.getState() == NodeState.NODE_STATE_CONNECTED), machine + " not connected: " + status);
            assertEquals("active", machines.exec(machine, "systemctl", "is-active", "brickwork-agent").stdout().strip(), machine);
            String mount = machines.exec(machine, "findmnt", "-n", "-o", "FSTYPE,SOURCE", "/mnt").requireOk("findmnt")
                    .stdout().strip().replaceAll("\\s+", " ");
            assertEquals("fuse.glusterfs localhost:/" + VOLUME, mount, machine);
        }
        VolumeStatus volume = status.getVolumesList().stream().filter(v -> v.getName().equals(VOLUME)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + VOLUME + ": " + status));
        assertEquals(Health.HEALTH_HEALTHY, volume.getHealth(), status.toString());
        assertEquals(3, volume.getReplica());

        // One single-use token per node, each bound to its node and used up by its join.
        assertEquals(MACHINES.stream().map(m -> m + " uses_left=0").toList(), tokens());
    }

    @Test
    @Order(3)
    void aSecondRunChangesNothing() {
        Lab.Result second = playbook();
        assertEquals(0, second.exitCode(), second.toString());
        Map<String, Recap> recap = recap(second);
        assertEquals(MACHINES, List.copyOf(recap.keySet()), second.stdout());
        for (String machine : MACHINES) {
            assertEquals(new Recap(recap.get(machine).ok(), 0, 0, 0), recap.get(machine), machine + ":\n" + second.stdout());
        }
        assertEquals(MACHINES.stream().map(m -> m + " uses_left=0").toList(), tokens(), "no token made for a joined node");
        assertEquals(0, machines.exec(MANAGER, "brickwork", "status").exitCode(), "status exit code (0: healthy)");
    }

    /** The coordinator's join tokens as "NODE uses_left=N", by node. */
    private List<String> tokens() {
        String json = machines.exec(MANAGER, "brickwork", "token", "list", "--output", "json").requireOk("token list").stdout();
        ListTokensResponse.Builder tokens = ListTokensResponse.newBuilder();
        try {
            JsonFormat.parser().ignoringUnknownFields().merge(json.strip(), tokens);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("token list is not JSON: " + json, e);
        }
        return tokens.getTokensList().stream().map(t -> t.getNode() + " uses_left=" + t.getUsesLeft()).sorted().toList();
    }

    /** ansible-playbook site.yml from packaging/ansible, as the role's documentation runs it. */
    private Lab.Result playbook(String... extra) {
        List<String> command = new ArrayList<>(List.of("ansible-playbook", "-i", dir.resolve("inventory.ini").toString(),
                "-e", "@" + dir.resolve("vars.yml"), "site.yml"));
        command.addAll(List.of(extra));
        Path ansible = repo.resolve("packaging/ansible");
        Map<String, String> environment = Map.of(
                // Named: ansible ignores an ansible.cfg in a world-writable working directory.
                "ANSIBLE_CONFIG", ansible.resolve("ansible.cfg").toString(),
                "ANSIBLE_LOCAL_TEMP", dir.resolve("ansible-tmp").toString(),
                "ANSIBLE_SSH_CONTROL_PATH_DIR", dir.resolve("cp").toString(),
                "ANSIBLE_NOCOLOR", "1",
                "ANSIBLE_RETRY_FILES_ENABLED", "0");
        long started = System.nanoTime();
        Lab.Result result = run(PLAYBOOK_TIMEOUT, command, environment, ansible);
        System.out.printf("ansible-playbook %s: %d s%n", String.join(" ", extra),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        return result;
    }

    /** A host's counts in the play recap. */
    record Recap(int ok, int changed, int unreachable, int failed) {}

    /** The play recap, by host. */
    private static Map<String, Recap> recap(Lab.Result result) {
        Map<String, Recap> hosts = new LinkedHashMap<>();
        Matcher matcher = RECAP.matcher(result.stdout());
        while (matcher.find()) {
            hosts.put(matcher.group(1), new Recap(Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)),
                    Integer.parseInt(matcher.group(4)), Integer.parseInt(matcher.group(5))));
        }
        if (hosts.isEmpty()) {
            throw new AssertionError("no play recap in:\n" + result);
        }
        return hosts;
    }

    private GetStatusResponse awaitHealthy() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        GetStatusResponse last = null;
        while (System.nanoTime() < deadline) {
            last = machines.exec(MANAGER, "brickwork", "status", "--output", "json").status();
            if (last.getHealth() == Health.HEALTH_HEALTHY) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("not healthy within 90 s; last status:\n" + last);
    }

    private boolean exists(String machine, String path) {
        return machines.exec(machine, "test", "-e", path).exitCode() == 0;
    }

    private Path deb(String prefix) {
        Path target = repo.resolve("packaging/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith("_all.deb"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(prefix + "*.deb missing in " + target
                            + ": run `mvn -B package` first"));
        } catch (IOException e) {
            throw new UncheckedIOException("no " + target + ": run `mvn -B package` first", e);
        }
    }

    private Lab.Result run(Duration timeout, List<String> command, Map<String, String> environment) {
        return run(timeout, command, environment, dir);
    }

    private Lab.Result run(Duration timeout, List<String> command, Map<String, String> environment, Path workDir) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().putAll(environment);
        try {
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout + ": " + command + "\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Lab.Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }
}
