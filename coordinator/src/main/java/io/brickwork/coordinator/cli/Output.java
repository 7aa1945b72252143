package io.brickwork.coordinator.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import java.io.PrintWriter;
import java.util.Locale;

/** Rendering for people (aligned text) and for scripts (protobuf JSON, one object per line). */
final class Output {
    private static final JsonFormat.Printer JSON = JsonFormat.printer()
            .omittingInsignificantWhitespace()
            .includingDefaultValueFields()
            .preservingProtoFieldNames();

    private Output() {}

    static String json(MessageOrBuilder message) {
        try {
            return JSON.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot render " + message.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static String state(StepState state) {
        return state.name().substring("STEP_STATE_".length()).toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static void step(PrintWriter out, StepReport step) {
        out.printf("%-10s %-32s %-12s %s%n", step.getNode(), step.getStep(), state(step.getState()), headline(step));
        if (step.getChangesCount() > 1) {
            for (String change : step.getChangesList()) {
                out.printf("%-10s %-32s %-12s   - %s%n", "", "", "", change);
            }
        }
        if (step.hasFailure()) {
            failure(out, step);
        }
    }

    /**
     * The step's line: its summary, unless the summary only joins several changes that are listed
     * under it anyway; then a count, so that each change is printed once.
     */
    static String headline(StepReport step) {
        if (step.getChangesCount() < 2 || !step.getChangesList().stream().allMatch(step.getSummary()::contains)) {
            return step.getSummary();
        }
        int count = step.getChangesCount();
        return switch (step.getState()) {
            case STEP_STATE_WILL_CHANGE -> "would make " + count + " changes:";
            case STEP_STATE_CHANGED -> "made " + count + " changes:";
            default -> count + " changes:";
        };
    }

    static void failure(PrintWriter out, StepReport step) {
        var failure = step.getFailure();
        if (!failure.getMessage().isEmpty() && !failure.getMessage().equals(step.getSummary())) {
            out.printf("    error:   %s%n", failure.getMessage());
        }
        if (failure.getArgvCount() > 0) {
            out.printf("    command: %s (exit %d)%n", String.join(" ", failure.getArgvList()), failure.getExitCode());
        }
        if (!failure.getStderr().isBlank()) {
            for (String line : failure.getStderr().strip().split("\n")) {
                out.printf("    stderr:  %s%n", line);
            }
        }
    }
}
