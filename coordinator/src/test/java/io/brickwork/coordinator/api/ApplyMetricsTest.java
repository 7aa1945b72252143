package io.brickwork.coordinator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.coordinator.metrics.ApplyRecorder;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.coordinator.testing.Results;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.coordinator.v1.ApplyRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApplyMetricsTest {
    private final List<Boolean> recorded = new CopyOnWriteArrayList<>();
    private final ApplyRecorder recorder = (success, duration) -> recorded.add(success);
    @RegisterExtension
    final InProcessCoordinator coordinator = InProcessCoordinator.recordingApplies(Duration.ofMillis(500), recorder);

    private void applyWith(Function<ActionRequest, Optional<ActionResult>> behaviour) throws Exception {
        for (String node : List.of("node1", "node2", "node3")) {
            coordinator.connect(node, "10.0.0.1", behaviour);
        }
        coordinator.api().apply(ApplyRequest.newBuilder().setSpec(CoordinatorServiceTest.SPEC).setSkipVerify(true).build())
                .forEachRemaining(event -> { });
    }

    @Test
    void convergedApplyIsRecordedAsASuccess() throws Exception {
        applyWith(Results.inSync());

        assertEquals(List.of(true), recorded);
    }

    @Test
    void failedApplyIsRecordedAsAFailure() throws Exception {
        applyWith(Results.failing(ActionRequest.ActionCase.VOLUME));

        assertEquals(List.of(false), recorded);
    }
}
