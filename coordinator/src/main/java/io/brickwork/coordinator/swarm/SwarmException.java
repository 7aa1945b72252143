package io.brickwork.coordinator.swarm;

/** The Docker Engine API could not be reached, or refused a call; the message says which and why. */
public final class SwarmException extends Exception {
    public SwarmException(String message, Throwable cause) {
        super(message, cause);
    }

    public SwarmException(String message) {
        super(message);
    }
}
