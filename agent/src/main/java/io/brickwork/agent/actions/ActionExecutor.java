package io.brickwork.agent.actions;

import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;

/** Runs the agent's closed set of typed actions on this node. */
public interface ActionExecutor {
    /**
     * Validates the request (again — the agent trusts no caller), runs it, never throws: every
     * problem becomes a FAILED or REFUSED result with a clear message. Thread-safe; may be
     * called concurrently for different requests. Every request, run or refused, is audited.
     *
     * @param requester who sent it, as the transport proved it (the coordinator's certificate
     *     fingerprint); recorded in the audit log next to the request's own {@code requested_by}
     */
    ActionResult execute(ActionRequest request, String requester);

    /** For callers that cannot name the requester yet; the audit log then says "unknown". */
    default ActionResult execute(ActionRequest request) {
        return execute(request, "unknown");
    }
}
