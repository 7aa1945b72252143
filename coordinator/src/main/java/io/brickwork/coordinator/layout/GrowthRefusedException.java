package io.brickwork.coordinator.layout;

/** A growth that the safety rules do not allow now; nothing was changed for it. */
public final class GrowthRefusedException extends Exception {
    public GrowthRefusedException(String message) {
        super(message);
    }
}
