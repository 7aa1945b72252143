package io.brickwork.agent.steps;

/** A step cannot finish for a reason that is not a failed command (a wait ran out, a daemon is absent). */
public final class StepFailedException extends Exception {
    public StepFailedException(String message) {
        super(message);
    }
}
