package io.brickwork.agent.glustertls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.report.NodeReporter;
import io.brickwork.proto.agent.v1.GlusterTlsReport;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.WatchList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlusterTlsReportingTest {
    @TempDir
    Path dir;

    /** Reports whatever it is given, at once. */
    private static final class Direct implements NodeReporter {
        Consumer<NodeReport> sink;

        @Override
        public void start(Consumer<NodeReport> sink) {
            this.sink = sink;
        }

        @Override
        public void watch(WatchList watch) {}

        @Override
        public void stop() {}
    }

    private GlusterTls noCertificate() {
        return new GlusterTls(new GlusterTlsFiles(dir.resolve("state"), dir.resolve("ssl")), csr -> {
            throw new GlusterCertificateIssuer.IssueException("none", null);
        }, "node1", () -> null, Clock.systemUTC());
    }

    private void volume(String name, String... lines) throws Exception {
        Files.createDirectories(dir.resolve("glusterd/vols/" + name));
        Files.write(dir.resolve("glusterd/vols/" + name + "/info"), List.of(lines));
    }

    @Test
    void everyReportCarriesManagementTlsAndWhichVolumesStoredHereAreEncrypted() throws Exception {
        Files.createDirectories(dir.resolve("glusterd"));
        Files.createFile(dir.resolve("glusterd/secure-access"));
        volume("secret", "type=2", "server.ssl=on", "client.ssl=on", "auth.ssl-allow=node1,node2");
        volume("half", "client.ssl=on");
        volume("plain", "type=2", "auth.allow=10.0.0.1");
        Direct delegate = new Direct();
        List<NodeReport> sent = new ArrayList<>();
        new GlusterTlsReporting(delegate, noCertificate(), dir.resolve("glusterd")).start(sent::add);

        delegate.sink.accept(NodeReport.newBuilder().setGlusterdRunning(true).build());

        GlusterTlsReport tls = sent.get(0).getGlusterTls();
        assertTrue(sent.get(0).getGlusterdRunning(), "the rest of the report is kept");
        assertTrue(tls.getManagement());
        assertEquals(0, tls.getCertificateNotAfterUnixMs());
        assertEquals(List.of("secret"), tls.getTlsVolumesList());
        assertEquals(List.of("half", "plain"), tls.getPlainVolumesList());
    }

    @Test
    void aNodeWithoutGlusterdStateReportsTlsOff() {
        Direct delegate = new Direct();
        List<NodeReport> sent = new ArrayList<>();
        new GlusterTlsReporting(delegate, noCertificate(), dir.resolve("glusterd")).start(sent::add);

        delegate.sink.accept(NodeReport.getDefaultInstance());

        assertFalse(sent.get(0).getGlusterTls().getManagement());
        assertEquals(0, sent.get(0).getGlusterTls().getTlsVolumesCount());
    }
}
