package io.brickwork.agent.audit;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import java.time.Instant;

/**
 * One action as asked and as answered.
 *
 * @param time when the agent received it
 * @param requester who sent it, as the transport proved it (the coordinator's certificate fingerprint)
 * @param request as received, hostile fields and all
 * @param result as sent back, with id and duration
 */
public record AuditEntry(Instant time, String requester, ActionRequest request, ActionResult result) {
    public AuditEntry {
        requireNonNull(time, "time is null");
        requireNonNull(requester, "requester is null");
        requireNonNull(request, "request is null");
        requireNonNull(result, "result is null");
    }
}
