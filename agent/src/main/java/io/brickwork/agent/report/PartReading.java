package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What the agent knows of one part of its report this time. The coordinator keeps what it knew of
 * an unknown part; a failed part is an answer in itself (glusterd refused, the mount table could
 * not be read).
 */
sealed interface PartReading<T> {
    record Known<T>(T value) implements PartReading<T> {
        public Known {
            requireNonNull(value, "value is null");
        }
    }

    /**
     * The read did not finish in time, the previous one was still running, it was held back, or
     * the agent's own side of it failed: nothing was learned either way.
     */
    record Unknown<T>(String reason) implements PartReading<T> {
        public Unknown {
            requireNonNull(reason, "reason is null");
        }
    }

    /** The read ended without the part, and that says something: e.g. glusterd does not answer on its socket. */
    record Failed<T>(String reason) implements PartReading<T> {
        public Failed {
            requireNonNull(reason, "reason is null");
        }
    }

    /** The value; empty when the part is unknown or failed. */
    default Optional<T> known() {
        return this instanceof Known<T> known ? Optional.of(known.value()) : Optional.empty();
    }

    /** Why the part is missing; empty when it is known. */
    default Optional<String> missingReason() {
        if (this instanceof Unknown<T> unknown) {
            return Optional.of(unknown.reason());
        }
        if (this instanceof Failed<T> failed) {
            return Optional.of(failed.reason());
        }
        return Optional.empty();
    }
}
