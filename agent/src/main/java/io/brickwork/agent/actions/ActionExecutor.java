package io.brickwork.agent.actions;

import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;

/** Runs the agent's closed set of typed actions on this node. */
public interface ActionExecutor {
    /**
     * Validates the request (again — the agent trusts no caller), runs it, never throws: every
     * problem becomes a FAILED or REFUSED result with a clear message. Thread-safe; may be
     * called concurrently for different requests.
     */
    ActionResult execute(ActionRequest request);
}
