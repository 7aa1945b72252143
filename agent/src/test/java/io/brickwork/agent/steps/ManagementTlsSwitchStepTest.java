package io.brickwork.agent.steps;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.glustertls.GlusterCertificateIssuer;
import io.brickwork.agent.glustertls.GlusterTls;
import io.brickwork.agent.glustertls.GlusterTlsFiles;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.common.security.CertificateAuthority;
import io.brickwork.common.security.Csr;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node of a running pool switched to management TLS (or back) with every volume stopped. */
class ManagementTlsSwitchStepTest {
    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final RecordingGlusterd glusterd = new RecordingGlusterd();
    private final List<byte[]> requests = new ArrayList<>();

    @TempDir
    Path dir;
    private Path workdir;
    private GlusterTls tls;

    @BeforeEach
    void poolMember() throws IOException {
        workdir = dir.resolve("glusterd");
        Files.createDirectories(workdir.resolve("peers"));
        Files.writeString(workdir.resolve("peers/4413913c-9da2-40fc-b5c5-b0cb7f0164c6"), "hostname1=node2\n");
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), Clock.systemUTC());
        tls = new GlusterTls(new GlusterTlsFiles(dir.resolve("state/gluster-tls"), dir.resolve("ssl")), csr -> {
            requests.add(csr);
            try {
                return new GlusterCertificateIssuer.Issued(ca.issueGluster(Csr.parse(csr).publicKey(), "node1",
                        Duration.ofDays(7)), ca.certificate());
            } catch (Exception e) {
                throw new GlusterCertificateIssuer.IssueException(e.getMessage(), e);
            }
        }, "node1", ca::certificate, Clock.systemUTC());
    }

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void withEveryVolumeStoppedTheNodeGetsItsCertificateAndRestartsWithManagementTls() {
        runner.expect(gluster("volume", "info")).stdout(sample("volume-info-created.xml"));
        runner.expect(gluster("volume", "info")).stdout(sample("volume-info-created.xml"));
        runner.expect(gluster("pool", "list")).stdout(sample("pool-list.xml"));

        ActionResult result = apply(step(true));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
        assertEquals(1, requests.size());
        assertTrue(Files.exists(workdir.resolve("secure-access")));
        assertEquals(List.of("stop", "start"), glusterd.calls);
        assertEquals(List.of(), tls.problems());
    }

    @Test
    void aStartedVolumeIsRefusedAndNothingChanges() {
        runner.expect(gluster("volume", "info")).stdout(sample("volume-info-started.xml"));

        ActionResult result = apply(step(true));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome(), result.toString());
        assertTrue(result.getSummary().contains("gfs are started"), result.toString());
        assertFalse(Files.exists(workdir.resolve("secure-access")));
        assertEquals(List.of(), glusterd.calls);
        assertEquals(0, requests.size());
    }

    @Test
    void offRemovesSecureAccessAndRestartsGlusterdWithoutACertificate() throws IOException {
        Files.createFile(workdir.resolve("secure-access"));
        runner.expect(gluster("volume", "info")).stdout(sample("volume-info-created.xml"));
        runner.expect(gluster("volume", "info")).stdout(sample("volume-info-created.xml"));
        runner.expect(gluster("pool", "list")).stdout(sample("pool-list.xml"));

        ActionResult result = apply(step(false));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
        assertFalse(Files.exists(workdir.resolve("secure-access")));
        assertEquals(List.of("stop", "start"), glusterd.calls);
        assertEquals(0, requests.size());
    }

    @Test
    void aSwitchedNodeIsUnchangedWithoutACommand() throws Exception {
        tls.obtain();
        Files.createFile(workdir.resolve("secure-access"));
        requests.clear();

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(step(true)).getOutcome());
        assertEquals(0, requests.size());
        assertEquals(List.of(), glusterd.calls);
    }

    private ManagementTlsSwitchStep step(boolean on) {
        return new ManagementTlsSwitchStep(on, tls, workdir, glusterd,
                new CliGlusterCli(runner), context(new FakeTicker()));
    }
}
