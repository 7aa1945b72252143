package io.brickwork.agent.enroll;

/** Joining failed; the message says why in words an operator can act on. */
public final class JoinException extends Exception {
    public JoinException(String message) {
        super(message);
    }

    public JoinException(String message, Throwable cause) {
        super(message, cause);
    }
}
