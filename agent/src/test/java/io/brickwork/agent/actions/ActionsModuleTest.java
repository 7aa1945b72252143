package io.brickwork.agent.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.brickwork.agent.audit.AuditModule;
import io.brickwork.agent.audit.AuditSettings;
import io.brickwork.agent.glustertls.GlusterTls;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionsModuleTest {
    @TempDir
    Path dir;

    @Test
    void buildsTheExecutorWithOnlyExplicitBindingsAsTheAgentDoes() {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new AbstractModule() {
            @Override
            protected void configure() {
                binder().requireExplicitBindings();
                binder().disableCircularProxies();
                // The agent binds it with the gateway's channel.
                bind(GlusterTls.class).toInstance(TestExecutors.glusterTls(dir));
            }
        }, new ActionsModule(TestExecutors.settings(dir)),
                new AuditModule(new AuditSettings(dir.resolve("audit/audit.log"), 1024 * 1024, 2)));

        ActionExecutor executor = injector.getInstance(ActionExecutor.class);

        assertInstanceOf(LocalActionExecutor.class, executor);
        ActionResult refused = executor.execute(ActionRequest.newBuilder().setId("x").build());
        assertEquals(Outcome.OUTCOME_REFUSED, refused.getOutcome());
        assertTrue(Files.exists(dir.resolve("audit/audit.log")));
        assertEquals(Mode.MODE_UNSPECIFIED, ActionRequest.getDefaultInstance().getMode());
    }
}
