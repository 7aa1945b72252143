package io.brickwork.coordinator.gateway;

import io.brickwork.proto.agent.v1.DirectoryQuotaAnswer;
import io.brickwork.proto.agent.v1.DirectoryQuotaRequest;

/**
 * What agents ask of the coordinator on their stream. Told on the stream's own thread: an
 * implementation answers later, through the session, and must not block.
 */
public interface AgentRequests {
    /** A coordinator that sets no quotas says so. */
    AgentRequests NONE = (session, request) -> session.answer(DirectoryQuotaAnswer.newBuilder()
            .setId(request.getId()).setError("this coordinator does not set directory quotas").build());

    void quota(AgentSession session, DirectoryQuotaRequest request);
}
