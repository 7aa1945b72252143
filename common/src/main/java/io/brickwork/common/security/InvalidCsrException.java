package io.brickwork.common.security;

/**
 * A certificate signing request the CA will not look at further. Checked on purpose: the CSR
 * comes from the network, and the gRPC handler must turn this into INVALID_ARGUMENT.
 */
public final class InvalidCsrException extends Exception {
    public InvalidCsrException(String message) {
        super(message);
    }

    public InvalidCsrException(String message, Throwable cause) {
        super(message, cause);
    }
}
