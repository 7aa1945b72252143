package io.brickwork.agent.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ActionsModuleTest {
    @Test
    void buildsTheExecutorWithOnlyExplicitBindingsAsTheAgentDoes() {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new AbstractModule() {
            @Override
            protected void configure() {
                binder().requireExplicitBindings();
                binder().disableCircularProxies();
            }
        }, new ActionsModule(new ActionSettings(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMillis(100))));

        ActionExecutor executor = injector.getInstance(ActionExecutor.class);

        assertInstanceOf(LocalActionExecutor.class, executor);
        ActionResult refused = executor.execute(ActionRequest.newBuilder().setId("x").build());
        assertEquals(Outcome.OUTCOME_REFUSED, refused.getOutcome());
        assertEquals(Mode.MODE_UNSPECIFIED, ActionRequest.getDefaultInstance().getMode());
    }
}
