package io.brickwork.coordinator.cli;

/** Input the CLI rejects before sending anything: exit code 2. */
final class BadInputException extends RuntimeException {
    BadInputException(String message) {
        super(message);
    }
}
