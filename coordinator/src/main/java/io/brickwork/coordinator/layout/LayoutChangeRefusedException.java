package io.brickwork.coordinator.layout;

/** A growth or shrink that the safety rules do not allow now; nothing was changed for it. */
public final class LayoutChangeRefusedException extends Exception {
    public LayoutChangeRefusedException(String message) {
        super(message);
    }
}
