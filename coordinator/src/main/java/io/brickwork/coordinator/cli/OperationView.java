package io.brickwork.coordinator.cli;

import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.BrickHealProgress;
import io.brickwork.proto.coordinator.v1.HealProgress;
import io.brickwork.proto.coordinator.v1.OperationEvent;
import io.brickwork.proto.coordinator.v1.OperationState;
import io.brickwork.proto.coordinator.v1.OperationSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.stream.Collectors;

/** An operation's events and summaries for people: shared by apply and `operations watch`. */
final class OperationView {
    private boolean named;

    /** One line per finished step, stage and heal reading; the operation's id once, with how to detach. */
    void print(PrintWriter out, ApplyEvent event) {
        if (event.hasStepFinished()) {
            Output.step(out, event.getStepFinished());
        } else if (event.hasOperation()) {
            OperationEvent operation = event.getOperation();
            if (!named) {
                named = true;
                out.println("operation " + operation.getOperationId() + " (Ctrl-C detaches, the operation goes on;"
                        + " `brickwork operations watch " + operation.getOperationId() + "` re-attaches)");
            }
            if (operation.hasHeal()) {
                out.println("  heal  " + heal(operation.getHeal()));
            } else if (operation.getState() == OperationState.OPERATION_STATE_RUNNING) {
                out.println("  ...   " + operation.getMessage());
            } else {
                out.println("operation " + operation.getOperationId() + " " + state(operation.getState()) + ": "
                        + operation.getMessage());
            }
        }
    }

    /** Entries left per brick; a brick whose process is not running yet (or any more) shows as offline. */
    static String heal(HealProgress heal) {
        long left = heal.getBricksList().stream().mapToLong(BrickHealProgress::getPending).sum();
        String bricks = heal.getBricksList().stream()
                .map(brick -> brick.getBrick() + " " + (brick.getConnected() ? brick.getPending() : "offline"))
                .collect(Collectors.joining(", "));
        String rate = heal.getEntriesPerSecond() > 0
                ? String.format(" — %.1f entries/s, about %d s left", heal.getEntriesPerSecond(), heal.getSecondsLeft())
                : "";
        return heal.getVolume() + ": " + left + " entries left (" + bricks + ")" + rate;
    }

    static String state(OperationState state) {
        return switch (state) {
            case OPERATION_STATE_RUNNING -> "running";
            case OPERATION_STATE_SUCCEEDED -> "succeeded";
            case OPERATION_STATE_FAILED -> "failed";
            default -> "unknown";
        };
    }

    static void summary(PrintWriter out, OperationSummary operation) {
        out.printf("%-9s %-10s %-24s %s  by %s%n", operation.getId(), state(operation.getState()),
                Instant.ofEpochMilli(operation.getStartedUnixMs()), operation.getKind(), operation.getRequestedBy());
        if (!operation.getStepInProgress().isEmpty()) {
            out.println("          now: " + operation.getStepInProgress());
        }
        if (!operation.getMessage().isEmpty()) {
            out.println("          " + operation.getMessage());
        }
    }
}
