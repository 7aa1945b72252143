package io.brickwork.coordinator.replace;

/** A replacement that must not run: the message names the brick, the reason and what would make it safe. */
public final class ReplacementRefusedException extends Exception {
    public ReplacementRefusedException(String message) {
        super(message);
    }
}
