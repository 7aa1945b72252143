package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.ownership.Owners;
import io.brickwork.agent.system.Ticker;
import io.brickwork.common.concurrent.DaemonThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stats mount points off the caller's thread. A stat of a hung FUSE mount can sit in D state
 * forever and cannot be interrupted, so each probe gets its own daemon thread, and a mount whose
 * last probe is still stuck is reported hung without starting another one: stuck threads stay
 * bounded by the number of watched mounts.
 */
public final class MountProber {
    /** What one probe found. */
    public sealed interface Outcome {
        record Answered(Owners owners) implements Outcome {}

        record Failed(String reason) implements Outcome {}

        /** The stat did not return in time (or an earlier one still has not). */
        record Hung() implements Outcome {}
    }

    private final MountProbe probe;
    private final Duration timeout;
    private final Ticker ticker;
    private final Map<Path, CompletableFuture<Owners>> running = new HashMap<>();

    public MountProber(MountProbe probe, Duration timeout, Ticker ticker) {
        this.probe = requireNonNull(probe, "probe is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.ticker = requireNonNull(ticker, "ticker is null");
    }

    /** Probes all mount points at once and waits at most the timeout for all of them together. */
    public Map<Path, Outcome> probe(Collection<Path> mountPoints) throws InterruptedException {
        Map<Path, CompletableFuture<Owners>> started = new LinkedHashMap<>();
        Map<Path, Outcome> outcomes = new LinkedHashMap<>();
        synchronized (running) {
            for (Path mountPoint : mountPoints) {
                CompletableFuture<Owners> previous = running.get(mountPoint);
                if (previous != null && !previous.isDone()) {
                    outcomes.put(mountPoint, new Outcome.Hung());
                    continue;
                }
                CompletableFuture<Owners> future = start(mountPoint);
                running.put(mountPoint, future);
                started.put(mountPoint, future);
            }
        }
        Deadline deadline = Deadline.in(timeout, ticker);
        for (Map.Entry<Path, CompletableFuture<Owners>> entry : started.entrySet()) {
            outcomes.put(entry.getKey(), await(entry.getValue(), deadline));
        }
        Map<Path, Outcome> ordered = new LinkedHashMap<>();
        for (Path mountPoint : mountPoints) {
            ordered.put(mountPoint, outcomes.get(mountPoint));
        }
        return ordered;
    }

    private CompletableFuture<Owners> start(Path mountPoint) {
        CompletableFuture<Owners> future = new CompletableFuture<>();
        // A thread of its own per probe: a stat hung on a dead mount is abandoned, never waited for.
        DaemonThreads.named("mount-probe " + mountPoint).newThread(() -> {
            try {
                future.complete(probe.stat(mountPoint));
            } catch (IOException | RuntimeException e) {
                future.completeExceptionally(e);
            }
        }).start();
        return future;
    }

    private static Outcome await(CompletableFuture<Owners> future, Deadline deadline) throws InterruptedException {
        try {
            return new Outcome.Answered(future.get(deadline.left().toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return new Outcome.Hung();
        } catch (ExecutionException e) {
            return new Outcome.Failed(String.valueOf(e.getCause().getMessage()));
        }
    }
}
