package io.brickwork.coordinator.operation;

import io.brickwork.coordinator.apply.StepListener;
import io.brickwork.coordinator.plan.Phase;
import io.brickwork.coordinator.plan.Plan;
import io.brickwork.coordinator.plan.PlannedStep;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.proto.coordinator.v1.StepFailure;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import java.util.List;

/**
 * What an operation's own steps share: one agent step run as a plan of its own, and the reports
 * of the steps the coordinator does itself (waits, checks on fresh reads).
 */
public final class StepReports {
    private StepReports() {}

    /** A plan of this one step. */
    public static Plan single(ClusterSpec spec, PlannedStep step) {
        return new Plan(spec, List.of(new Phase(step.name(), List.of(new Phase.Sequence(step.node(), List.of(step))))));
    }

    /** Reports the step finished; a failed one carries its summary as the failure message. */
    public static StepReport finished(StepListener listener, String node, String step, StepState state,
            String summary) {
        StepReport.Builder report = report(node, step, state, summary).toBuilder();
        if (state == StepState.STEP_STATE_FAILED) {
            report.setFailure(StepFailure.newBuilder().setMessage(summary));
        }
        listener.finished(report.build());
        return report.build();
    }

    public static StepReport report(String node, String step, StepState state, String summary) {
        return StepReport.newBuilder().setNode(node).setStep(step).setState(state).setSummary(summary).build();
    }
}
