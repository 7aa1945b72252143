package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.concurrent.DaemonThreads;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * At most one read of one kind in flight, on its own daemon thread: while a read is still running,
 * the next one is refused instead of queued, so a slow glusterd never gets a pile of CLI calls.
 * A read whose report stopped waiting for it may still answer before the next report: that answer
 * is kept for it ({@link #late()}) rather than thrown away.
 */
final class SingleFlight<T> {
    private final ExecutorService thread;
    private Future<T> running;
    private boolean taken = true;

    SingleFlight(String kind) {
        requireNonNull(kind, "kind is null");
        this.thread = Executors.newSingleThreadExecutor(DaemonThreads.named("report-" + kind));
    }

    /** Empty when the previous read has not finished. */
    synchronized Optional<Future<T>> start(Callable<T> read) {
        if (running != null && !running.isDone()) {
            return Optional.empty();
        }
        running = thread.submit(read);
        taken = false;
        return Optional.of(running);
    }

    /** The caller has the read's value (or its failure): it is no late answer. */
    synchronized void taken(Future<T> read) {
        if (read == running) {
            taken = true;
        }
    }

    /**
     * The value of the last read if it finished after its caller stopped waiting and nobody took
     * it since; each such value is given out once. Empty when that read failed.
     */
    synchronized Optional<T> late() {
        if (running == null || taken || !running.isDone()) {
            return Optional.empty();
        }
        taken = true;
        try {
            return Optional.ofNullable(running.get());
        } catch (ExecutionException | CancellationException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
