package io.brickwork.coordinator.gateway;

/** The agent did not answer an action within its timeout (plus a grace period for the trip). */
public final class ActionTimeoutException extends RuntimeException {
    public ActionTimeoutException(String message) {
        super(message);
    }
}
