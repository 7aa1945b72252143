package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandTimeoutException;
import java.time.Duration;
import java.util.List;

/** How a read on its own thread ended for one report. */
sealed interface ReadOutcome<T> {
    /** In time, or the previous read's answer that came after its own report gave up on it. */
    record Answered<T>(T value) implements ReadOutcome<T> {
        public Answered {
            requireNonNull(value, "value is null");
        }
    }

    /** The previous read had not ended, so none was started. */
    record StillRunning<T>() implements ReadOutcome<T> {}

    record NoAnswer<T>(Duration waited) implements ReadOutcome<T> {}

    record Threw<T>(Throwable cause) implements ReadOutcome<T> {
        public Threw {
            requireNonNull(cause, "cause is null");
        }
    }

    /**
     * The part this outcome leaves, {@code what} naming the read for people. A command that failed
     * outright says something; a timeout, or a failure on the agent's own side (its dump
     * directory, a bug), says nothing of the other side: unknown, like no answer.
     */
    default Reading<T> reading(String what) {
        if (this instanceof Answered<T> answered) {
            return Reading.known(answered.value(), List.of());
        }
        if (this instanceof StillRunning<T>) {
            String reason = what + ": previous read still running";
            return new Reading<>(new PartReading.Unknown<>(reason), List.of(reason + "; skipped"));
        }
        if (this instanceof NoAnswer<T> noAnswer) {
            return Reading.unknown(what + ": no answer within " + noAnswer.waited().toMillis() + " ms");
        }
        Throwable cause = ((Threw<T>) this).cause();
        String reason = what + ": " + cause.getMessage();
        boolean unknown = cause instanceof CommandTimeoutException || !(cause instanceof CommandException);
        return unknown ? Reading.unknown(reason) : Reading.failed(reason);
    }
}
