package io.brickwork.agent.actions;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.agent.v1.Refusal;

/**
 * One reason to refuse a request before anything runs.
 *
 * @param refusal INVALID_ARGUMENT for a malformed field, PERMISSION_DENIED for a well-formed
 *     value the agent does not allow here
 * @param text "field X: value 'Y' ..." for people
 */
public record Problem(Refusal refusal, String text) {
    public Problem {
        requireNonNull(refusal, "refusal is null");
        requireNonNull(text, "text is null");
    }
}
