package io.brickwork.agent.steps;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.services.SystemdGlusterd;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.agent.system.SystemPaths;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlusterdStepTest {
    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final FakeTicker ticker = new FakeTicker();

    @TempDir
    Path dir;

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void freshSystemdNodeEnablesAndStartsGlusterdThenWaitsForIt() throws IOException {
        withSystemd();
        runner.expect("systemctl", "is-enabled", "glusterd").exits(1).stdout("disabled\n");
        runner.expect("systemctl", "is-active", "glusterd").exits(3).stdout("inactive\n");
        runner.expect("systemctl", "enable", "--now", "glusterd");
        runner.expect("systemctl", "is-enabled", "glusterd").stdout("enabled\n");
        runner.expect("systemctl", "is-active", "glusterd").stdout("active\n");
        runner.expect(gluster("pool", "list")).exits(1).stdout(sample("no-glusterd-stdout.txt"));
        runner.expect(gluster("pool", "list")).stdout(sample("pool-list-alone.xml"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(List.of("enable glusterd at boot", "start glusterd"), result.getChangesList());
    }

    @Test
    void convergedSystemdNodeOnlyAsks() throws IOException {
        withSystemd();
        runner.expect("systemctl", "is-enabled", "glusterd").stdout("enabled\n");
        runner.expect("systemctl", "is-active", "glusterd").stdout("active\n");
        runner.expect(gluster("pool", "list")).stdout(sample("pool-list-alone.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step()).getOutcome());
    }

    @Test
    void withoutSystemdAnAnsweringGlusterdIsEnough() {
        runner.expect(gluster("pool", "list")).stdout(sample("pool-list-alone.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step()).getOutcome());
    }

    @Test
    void withoutSystemdASilentGlusterdFailsAndNothingIsStarted() {
        runner.expect(gluster("pool", "list")).exits(1).stdout(sample("no-glusterd-stdout.txt"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertEquals("glusterd is not answering and systemd is not running here; start glusterd",
                result.getFailure().getMessage());
    }

    @Test
    void convergedSystemdNodeWhoseGlusterdAcceptsOnItsSocketRunsNoGlusterCommand() throws IOException {
        withSystemd();
        try (ServerSocketChannel socket = glusterdListening()) {
            runner.expect("systemctl", "is-enabled", "glusterd").stdout("enabled\n");
            runner.expect("systemctl", "is-active", "glusterd").stdout("active\n");

            assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step()).getOutcome());
        }
    }

    @Test
    void withoutSystemdAGlusterdAcceptingOnItsSocketIsEnough() throws IOException {
        try (ServerSocketChannel socket = glusterdListening()) {
            assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step()).getOutcome());
        }
    }

    @Test
    void aSocketNobodyListensOnIsNotTakenForGlusterdTheCliDecides() throws IOException {
        glusterdListening().close();
        runner.expect(gluster("pool", "list")).exits(1).stdout(sample("no-glusterd-stdout.txt"));

        assertEquals(Outcome.OUTCOME_FAILED, apply(step()).getOutcome());
    }

    private ServerSocketChannel glusterdListening() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("glusterd.socket")));
        return server;
    }

    private void withSystemd() throws IOException {
        Files.createDirectories(dir.resolve("run/systemd/system"));
    }

    private GlusterdStep step() {
        SystemPaths paths = new SystemPaths(dir.resolve("hosts"), dir.resolve("fstab"), dir.resolve("mountinfo"),
                dir.resolve("run/systemd/system"), dir.resolve("glusterd.socket"));
        return new GlusterdStep(new SystemdGlusterd(runner, paths), new CliGlusterCli(runner), context(ticker));
    }
}
