package io.brickwork.common.security;

/** Text that is not the PEM the caller asked for; the message says what was found instead. */
public final class PemException extends IllegalArgumentException {
    public PemException(String message) {
        super(message);
    }

    public PemException(String message, Throwable cause) {
        super(message, cause);
    }
}
