package io.brickwork.agent.steps;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.glustertls.GlusterTlsFiles;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VolumeTlsStepTest {
    private static final String[] INFO = gluster("volume", "info", "gfs");
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void aCreatedVolumeGetsTheCertificatePathsTheAllowedNamesAndThenTheSwitchesInThatOrder() {
        runner.expect(INFO).stdout(sample("volume-info-created.xml"));
        runner.expect(gluster("volume", "set", "gfs", "ssl.own-cert", "/usr/lib/ssl/glusterfs.pem")).stdout(sample("volume-set.xml"));
        runner.expect(gluster("volume", "set", "gfs", "ssl.private-key", "/usr/lib/ssl/glusterfs.key")).stdout(sample("volume-set.xml"));
        runner.expect(gluster("volume", "set", "gfs", "ssl.ca-list", "/usr/lib/ssl/glusterfs.ca")).stdout(sample("volume-set.xml"));
        runner.expect(gluster("volume", "set", "gfs", "auth.ssl-allow", "node1,node2")).stdout(sample("volume-set.xml"));
        runner.expect(gluster("volume", "set", "gfs", "client.ssl", "on")).stdout(sample("volume-set.xml"));
        runner.expect(gluster("volume", "set", "gfs", "server.ssl", "on")).stdout(sample("volume-set.xml"));
        runner.expect(INFO).stdout(sample("volume-info-created-tls.xml"));

        assertEquals(Outcome.OUTCOME_CHANGED, apply(step()).getOutcome());
    }

    @Test
    void aVolumeWithEveryOptionSetIsUnchanged() {
        runner.expect(INFO).stdout(sample("volume-info-created-tls.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step()).getOutcome());
    }

    @Test
    void aStartedVolumeWithoutTlsIsRefusedAndNothingIsSet() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));

        ActionResult result = apply(step());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
    }

    @Test
    void offTurnsOnlyTheSwitchesOffOnAStoppedVolume() {
        runner.expect(INFO).stdout(sample("volume-info-created-tls.xml"));
        runner.expect(gluster("volume", "set", "gfs", "client.ssl", "off")).stdout(sample("volume-set.xml"));
        runner.expect(gluster("volume", "set", "gfs", "server.ssl", "off")).stdout(sample("volume-set.xml"));
        runner.expect(INFO).stdout(sample("volume-info-created-tls-off.xml"));

        ActionResult result = apply(off());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
    }

    @Test
    void offOnAVolumeThatNeverHadTlsIsUnchanged() {
        runner.expect(INFO).stdout(sample("volume-info-created.xml"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(off()).getOutcome());
    }

    private VolumeTlsStep off() {
        return new VolumeTlsStep("gfs", List.of("node1", "node2"),
                new GlusterTlsFiles(Path.of("/var/lib/brickwork-agent/gluster-tls"), GlusterTlsFiles.SSL_DIRECTORY),
                new CliGlusterCli(runner), context(new FakeTicker()), Mode.MODE_APPLY, false);
    }

    private VolumeTlsStep step() {
        return new VolumeTlsStep("gfs", List.of("node1", "node2"),
                new GlusterTlsFiles(Path.of("/var/lib/brickwork-agent/gluster-tls"), GlusterTlsFiles.SSL_DIRECTORY),
                new CliGlusterCli(runner), context(new FakeTicker()), Mode.MODE_APPLY);
    }
}
