package io.brickwork.agent.audit;

import io.brickwork.proto.agent.v1.ActionRequest;
import java.time.Instant;

/**
 * Where the agent records every action it was asked for, run or refused. Recording never
 * throws. A change is recorded twice: before it starts, so that a change the agent dies in the
 * middle of still has a line, and when it ends.
 */
public interface AuditLog {
    /**
     * Records that the agent is about to change the node for this request. False when the line
     * could not be written: the agent then makes no change, since an unrecorded change is what
     * an intruder wants.
     */
    boolean started(Instant time, String requester, ActionRequest request);

    /** Records an action as answered; a line that cannot be written is reported, not thrown. */
    void record(AuditEntry entry);
}
