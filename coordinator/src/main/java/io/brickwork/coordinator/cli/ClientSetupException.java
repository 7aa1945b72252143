package io.brickwork.coordinator.cli;

/** The CLI cannot reach the coordinator as configured (credentials missing or unreadable): exit 1. */
final class ClientSetupException extends RuntimeException {
    ClientSetupException(String message) {
        super(message);
    }
}
