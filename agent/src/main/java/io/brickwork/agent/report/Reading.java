package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One part as read for one report, with the lines it adds to the report's errors. The lines are
 * for people only: whether the part is known is said by {@code part} alone.
 */
record Reading<T>(PartReading<T> part, List<String> errors) {
    Reading {
        requireNonNull(part, "part is null");
        errors = List.copyOf(errors);
    }

    static <T> Reading<T> known(T value, List<String> errors) {
        return new Reading<>(new PartReading.Known<>(value), errors);
    }

    static <T> Reading<T> unknown(String reason) {
        return new Reading<>(new PartReading.Unknown<>(reason), List.of(reason));
    }

    static <T> Reading<T> failed(String reason) {
        return new Reading<>(new PartReading.Failed<>(reason), List.of(reason));
    }
}
