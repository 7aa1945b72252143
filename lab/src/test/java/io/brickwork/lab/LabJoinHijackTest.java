package io.brickwork.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
 * Issue #13 item 1 end to end: a fourth machine, holding a valid join token with uses left,
 * starts an agent that joins under the name of cluster node node3. The coordinator refuses
 * it, the refusal is in its audit log, and the next apply keeps mapping node3 to node3's own
 * address in /etc/hosts and in the volume's auth.allow.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabJoinHijackTest {
    static final List<String> CLUSTER = List.of("node1", "node2", "node3");
    static final String REAL = Lab.SUBNET + ".13";
    static final String ATTACKER = Lab.SUBNET + ".14";

    private Lab lab;
    @RegisterExtension
    final GlusterLogsOnFailure logs = new GlusterLogsOnFailure(() -> lab);
    private Path spec;

    @BeforeAll
    void up() throws InterruptedException {
        // node4 is the attacker's machine: in the lab's network, not in the cluster.
        lab = new Lab(Lab.repo(), 4);
        lab.up();
        lab.bootstrap(CLUSTER);
        spec = lab.writeSpec("hijack.conf", LabProvisionTest.SPEC);
        Lab.Result apply = lab.cli("apply", "-f", spec.toString());
        assertEquals(0, apply.exitCode(), apply.toString());
    }

    @AfterAll
    void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void agentJoiningUnderAnEnrolledNodesNameWithAValidTokenIsRefused() throws Exception {
        String token = lab.managerCli("token", "create", "--uses", "5", "--ttl", "10m")
                .requireOk("token create").stdout().strip();
        Path log = lab.workDir().resolve("attacker-agent.log");
        lab.labSh(Duration.ofSeconds(30), "spawn", "node4", log.toString(),
                "java", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dbrickwork.agent.state-dir=" + lab.workDir().resolve("attacker-agent"),
                "-Dbrickwork.agent.audit-log=" + lab.workDir().resolve("attacker-audit.log"),
                "-Dbrickwork.agent.heartbeat-interval=1s",
                "-Dbrickwork.agent.reconnect-max=1s",
                "-jar", lab.agentJar().toString(),
                "join", "--token", token, "--coordinator", lab.coordinatorAddress(), "--node-name", "node3")
                .requireOk("start the attacker's agent on node4");

        String output = awaitContains(log, "refused", Duration.ofSeconds(60));

        assertTrue(output.contains("node node3 is already enrolled"), output);
        assertFalse(Files.exists(lab.workDir().resolve("attacker-agent/node.crt")), "no certificate for the attacker");
        lab.awaitConnected(3, Duration.ofSeconds(10));
    }

    @Test
    @Order(2)
    void theRefusalIsInTheCoordinatorsAuditLogWithTheAttackersAddress() throws IOException {
        List<String> refusals = Files.readString(lab.workDir().resolve("coordinator-audit.log")).lines()
                .filter(line -> line.contains("\"method\":\"brickwork.agent.v1.Enrollment/Join\""))
                .filter(line -> line.contains("\"status\":\"ALREADY_EXISTS\""))
                .toList();

        assertEquals(1, refusals.size(), refusals.toString());
        assertTrue(refusals.get(0).contains("\"remote_address\":\"" + ATTACKER + "\""), refusals.get(0));
        assertTrue(refusals.get(0).contains("\"node_name\":\"node3\""), refusals.get(0));
        assertTrue(refusals.get(0).contains("\"token_id\":\""), refusals.get(0));
    }

    @Test
    @Order(3)
    void theNextApplyMapsTheNameToTheRealNodeOnly() {
        Lab.Result apply = lab.cli("apply", "-f", spec.toString());
        assertEquals(0, apply.exitCode(), apply.toString());

        for (String node : CLUSTER) {
            String hosts = lab.exec(node, "cat", "/etc/hosts").requireOk("cat").stdout();
            assertEquals(Set.of(REAL), addressesOf("node3", hosts), node + ":/etc/hosts\n" + hosts);
            assertFalse(hosts.contains(ATTACKER), node + ":/etc/hosts\n" + hosts);
        }
        String allowed = lab.exec("node1", "gluster", "--mode=script", "volume", "get", "staging-gfs", "auth.allow")
                .requireOk("volume get").stdout();
        assertTrue(allowed.contains(REAL), allowed);
        assertFalse(allowed.contains(ATTACKER), allowed);
    }

    /** The addresses /etc/hosts maps {@code name} to. */
    private static Set<String> addressesOf(String name, String hosts) {
        return hosts.lines()
                .map(line -> line.replaceAll("#.*", "").strip())
                .filter(line -> !line.isEmpty())
                .map(line -> line.split("\\s+"))
                .filter(fields -> Arrays.asList(fields).subList(1, fields.length).contains(name))
                .map(fields -> fields[0])
                .collect(Collectors.toSet());
    }

    private static String awaitContains(Path file, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String content = "";
        while (System.nanoTime() < deadline) {
            content = Files.exists(file) ? Files.readString(file) : "";
            if (content.contains(text)) {
                return content;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("'" + text + "' not in " + file + " within " + timeout + ":\n" + content);
    }
}
