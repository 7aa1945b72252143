package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * At most one read of one kind in flight, on its own daemon thread: while a read is still running,
 * the next one is refused instead of queued, so a slow glusterd never gets a pile of CLI calls.
 */
final class SingleFlight<T> {
    private final ExecutorService thread;
    private Future<T> running;

    SingleFlight(String kind) {
        requireNonNull(kind, "kind is null");
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "report-" + kind);
            t.setDaemon(true);
            return t;
        });
    }

    /** Empty when the previous read has not finished. */
    synchronized Optional<Future<T>> start(Callable<T> read) {
        if (running != null && !running.isDone()) {
            return Optional.empty();
        }
        running = thread.submit(read);
        return Optional.of(running);
    }
}
