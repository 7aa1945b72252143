package io.brickwork.agent.report;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.brickwork.agent.actions.ActionSettings;
import io.brickwork.agent.actions.ActionsModule;
import io.brickwork.agent.audit.AuditModule;
import io.brickwork.agent.audit.AuditSettings;
import io.brickwork.agent.glustertls.GlusterCertificateIssuer;
import io.brickwork.agent.glustertls.GlusterTls;
import io.brickwork.agent.glustertls.GlusterTlsFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportModuleTest {
    @TempDir
    Path dir;

    @Test
    void buildsTheReporterWithOnlyExplicitBindingsAsTheAgentDoes() {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new AbstractModule() {
            @Override
            protected void configure() {
                binder().requireExplicitBindings();
                binder().disableCircularProxies();
                // The agent binds it with the gateway's channel; the actions' step factory needs it.
                bind(GlusterTls.class).toInstance(new GlusterTls(new GlusterTlsFiles(dir.resolve("gluster-tls"),
                        dir.resolve("ssl")), csr -> {
                            throw new GlusterCertificateIssuer.IssueException("no CA in this test", null);
                        }, "node1", () -> null, Clock.systemUTC()));
            }
        }, new ActionsModule(new ActionSettings(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMillis(100),
                List.of(dir.resolve("gluster")), List.of(dir.resolve("mnt")), List.of("glusterfs-server"))),
                new AuditModule(new AuditSettings(dir.resolve("audit/audit.log"), 1024 * 1024, 2)),
                new ReportModule(ReportFixture.SETTINGS));

        assertInstanceOf(PeriodicNodeReporter.class, injector.getInstance(NodeReporter.class));
    }
}
