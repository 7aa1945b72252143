package io.brickwork.coordinator.testing;

import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.ApplyRequest;
import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import java.util.ArrayList;
import java.util.List;

/** An apply's events, for tests that follow an operation step by step. */
public final class ApplyEvents {
    private ApplyEvents() {}

    /** Every event of an apply without the replication check, to the end. */
    public static List<ApplyEvent> apply(CoordinatorGrpc.CoordinatorBlockingStub api, String spec) {
        List<ApplyEvent> events = new ArrayList<>();
        api.apply(ApplyRequest.newBuilder().setSpec(spec).setSkipVerify(true).build()).forEachRemaining(events::add);
        return events;
    }

    /** "step=STATE" per finished step, in order, e.g. "heal:staging-gfs:node7:/gluster/brick=CHANGED". */
    public static List<String> finishedSteps(List<ApplyEvent> events) {
        return events.stream().filter(ApplyEvent::hasStepFinished)
                .map(event -> event.getStepFinished().getStep() + "=" + event.getStepFinished().getState().name()
                        .replace("STEP_STATE_", ""))
                .toList();
    }
}
