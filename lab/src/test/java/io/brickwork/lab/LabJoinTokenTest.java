package io.brickwork.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #13, item 5: a join token never sits in a long-running agent's command line, where every
 * local user reads it (ps), and {@code join --token-file} keeps it off the command line entirely.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabJoinTokenTest {
    private Lab lab;
    @RegisterExtension
    final GlusterLogsOnFailure logs = new GlusterLogsOnFailure(() -> lab);

    @BeforeAll
    void up() throws InterruptedException {
        lab = new Lab(Lab.repo(), 1);
        lab.up();
        // Joins with --token TOKEN on the command line, then keeps running.
        lab.bootstrap(List.of("node1"));
    }

    @AfterAll
    void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void anAgentThatJoinedWithTokenOnItsCommandLineRunsWithoutItInPs() throws IOException {
        List<String> agents = new ArrayList<>();
        for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
            String cmdline;
            try {
                cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                        StandardCharsets.UTF_8).replace('\0', ' ');
            } catch (IOException gone) {
                continue;
            }
            if (cmdline.contains(lab.agentStateDir("node1").toString()) && cmdline.contains(" join ")) {
                agents.add(cmdline);
            }
        }

        assertEquals(1, agents.size(), agents.toString());
        assertFalse(agents.get(0).contains("BWTKN-1-"), agents.get(0));
        assertTrue(agents.get(0).contains("--token xxxxxxxx"), agents.get(0));
    }

    @Test
    void joinReadsTheTokenFromTokenFile() throws IOException {
        String token = lab.managerCli("token", "create", "--uses", "1", "--ttl", "10m").requireOk("token create")
                .stdout().strip();
        Path tokenFile = lab.workDir().resolve("spare.token");
        Files.writeString(tokenFile, token + "\n");
        Path state = lab.workDir().resolve("spare-agent");

        Lab.Result join = lab.exec("node1", "java", "-XX:TieredStopAtLevel=1",
                "-Dbrickwork.agent.state-dir=" + state, "-Dbrickwork.agent.audit-log=" + lab.workDir().resolve("spare.log"),
                "-jar", lab.agentJar().toString(), "join", "--no-run", "--token-file", tokenFile.toString(),
                "--coordinator", lab.coordinatorAddress(), "--node-name", "spare");

        assertEquals(0, join.exitCode(), join.toString());
        assertTrue(Files.isRegularFile(state.resolve("node.crt")), join.toString());
    }
}
