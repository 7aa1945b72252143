package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * One kind of read on its own thread ({@link SingleFlight}), waited for by a report until the
 * report's deadline. A read that did not answer in time is not lost: if it answers before the
 * next report, that answer, at most an interval old, stands in when the next read is late too.
 */
final class OffThreadRead<T> {
    private static final Logger log = Logger.getLogger(OffThreadRead.class.getName());

    private final String what;
    private final SingleFlight<T> flight;

    /** @param what the read as people know it, e.g. "disk, load and memory" */
    OffThreadRead(String kind, String what) {
        this.what = requireNonNull(what, "what is null");
        this.flight = new SingleFlight<>(requireNonNull(kind, "kind is null"));
    }

    /** One report's use of this read; the previous read's late answer, if any, is taken now. */
    Attempt attempt() {
        return new Attempt(flight.late());
    }

    final class Attempt {
        private final Optional<T> late;
        private Optional<Future<T>> started = Optional.empty();

        private Attempt(Optional<T> late) {
            this.late = late;
        }

        /** False when the previous read has not ended: nothing is started then. */
        boolean start(Callable<T> read) {
            started = flight.start(read);
            return started.isPresent();
        }

        ReadOutcome<T> await(Deadline deadline) throws InterruptedException {
            if (started.isEmpty()) {
                return new ReadOutcome.StillRunning<>();
            }
            Future<T> read = started.get();
            try {
                T value = read.get(deadline.left().toNanos(), TimeUnit.NANOSECONDS);
                flight.taken(read);
                return new ReadOutcome.Answered<>(value);
            } catch (TimeoutException e) {
                if (late.isPresent()) {
                    log.fine(() -> what + ": using the previous read, which answered after its report");
                    return new ReadOutcome.Answered<>(late.get());
                }
                return new ReadOutcome.NoAnswer<>(deadline.whole());
            } catch (ExecutionException e) {
                flight.taken(read);
                return new ReadOutcome.Threw<>(e.getCause());
            }
        }
    }
}
