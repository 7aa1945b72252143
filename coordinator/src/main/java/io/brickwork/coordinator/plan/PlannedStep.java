package io.brickwork.coordinator.plan;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.agent.v1.ActionRequest;
import java.time.Duration;

/**
 * One step on one node: the typed action the agent will check or apply. The action has no id
 * and no mode yet; the runner stamps both when it sends it.
 */
public record PlannedStep(String node, String name, ActionRequest action, Duration timeout) {
    public PlannedStep {
        requireNonNull(node, "node is null");
        requireNonNull(name, "name is null");
        requireNonNull(action, "action is null");
        requireNonNull(timeout, "timeout is null");
        if (action.getActionCase() == ActionRequest.ActionCase.ACTION_NOT_SET) {
            throw new IllegalArgumentException("step " + name + " on " + node + " has no action");
        }
    }
}
