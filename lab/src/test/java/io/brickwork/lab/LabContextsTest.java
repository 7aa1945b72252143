package io.brickwork.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One operator seat, two environments (issue 18, item 3): the lab's coordinator with its joined
 * node and glusterd, and a second coordinator with a CA of its own, as two contexts of the host's
 * CLI. Commands go where the context says, `status --all-contexts` shows both, and a context that
 * trusts the wrong CA is refused saying so.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabContextsTest {
    static final int OTHER_PORT = 7444;

    private Lab lab;
    @RegisterExtension
    final GlusterLogsOnFailure logs = new GlusterLogsOnFailure(() -> lab);
    private Path otherAdmin;
    private Path config;

    @BeforeAll
    void up() throws Exception {
        lab = new Lab(Lab.repo(), 1);
        lab.up();
        lab.bootstrap(List.of("node1"));
        Path other = lab.workDir().resolve("other");
        Files.createDirectories(other);
        Path conf = other.resolve("coordinator.conf");
        Files.writeString(conf, """
                brickwork.coordinator {
                  listen = "0.0.0.0:%d"
                  admin-socket = "%s"
                  state-dir = "%s"
                  audit-log = "%s"
                  metrics-listen = ""
                }
                """.formatted(OTHER_PORT, other.resolve("admin.sock"), other.resolve("state"), other.resolve("audit.log")));
        lab.labSh(Duration.ofSeconds(30), "spawn", "node1", other.resolve("coordinator.log").toString(), "java",
                "-Xmx128m", "-XX:+UseSerialGC", "-jar", lab.coordinatorJar().toString(), "serve", "--config",
                conf.toString()).requireOk("start the second coordinator");
        otherAdmin = other.resolve("admin");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Lab.Result cert;
        do {
            Thread.sleep(500);
            cert = lab.exec("node1", "java", "-XX:TieredStopAtLevel=1", "-jar", lab.coordinatorJar().toString(),
                    "admin", "cert", "--out", otherAdmin.toString(), "--coordinator", "unix:" + other.resolve("admin.sock"));
        } while (cert.exitCode() != 0 && System.nanoTime() < deadline);
        cert.requireOk("admin cert from the second coordinator");
        config = lab.workDir().resolve("operator-config");
        cli("context", "add", "staging", "--coordinator", lab.coordinatorAddress(), "--tls-dir",
                lab.adminTlsDir().toString()).requireOk("context add staging");
        cli("context", "add", "production", "--coordinator", otherAddress(), "--tls-dir", otherAdmin.toString())
                .requireOk("context add production");
    }

    @AfterAll
    void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void commandsGoToTheContextTheyName() {
        String staging = cli("nodes", "--output", "json").requireOk("nodes in the current context").stdout();
        String production = cli("nodes", "--output", "json", "--context", "production").requireOk("nodes").stdout();

        assertTrue(staging.contains("\"node1\"") && staging.contains("NODE_STATE_CONNECTED"), staging);
        assertFalse(production.contains("node1"), "the second coordinator has no node: " + production);
        assertTrue(cli("status", "--context", "production").stdout().startsWith("context production (" + otherAddress()
                + ")"), "status names its context");
    }

    @Test
    void allContextsShowsBothEnvironments() {
        Lab.Result all = cli("status", "--all-contexts");

        assertTrue(all.stdout().matches("(?s).*\\* staging +" + lab.coordinatorAddress().replace(".", "\\.") + " .*"),
                all.toString());
        assertTrue(all.stdout().matches("(?s).*production +" + otherAddress().replace(".", "\\.") + " .*"),
                all.toString());
        assertFalse(all.stdout().contains("UNREACHABLE"), all.toString());
    }

    @Test
    void aContextThatTrustsTheWrongCaIsRefusedSayingSo() {
        cli("context", "add", "crossed", "--coordinator", otherAddress(), "--tls-dir", lab.adminTlsDir().toString())
                .requireOk("context add crossed");

        Lab.Result crossed = cli("nodes", "--context", "crossed");

        assertNotEquals(0, crossed.exitCode(), crossed.toString());
        assertTrue(crossed.stderr().contains("cannot reach the coordinator at " + otherAddress()), crossed.toString());
        assertTrue(crossed.stderr().toLowerCase().contains("certif") || crossed.stderr().contains("PKIX"),
                "says it is about the certificate: " + crossed);
        cli("context", "remove", "crossed").requireOk("context remove crossed");
    }

    private String otherAddress() {
        return Lab.SUBNET + ".11:" + OTHER_PORT;
    }

    /** The host's CLI with the operator's own config directory: contexts, no --coordinator flags. */
    private Lab.Result cli(String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-jar",
                lab.coordinatorJar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("XDG_CONFIG_HOME", config.toString());
        try {
            Path out = Files.createTempFile("contexts-out", ".txt");
            Path err = Files.createTempFile("contexts-err", ".txt");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            Lab.Result result = new Lab.Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
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
}
