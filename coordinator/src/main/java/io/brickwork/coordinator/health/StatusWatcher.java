package io.brickwork.coordinator.health;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Feeds one WatchStatus stream: the status at once, then again whenever it changed, at most once
 * per {@code minInterval}. Changes within the interval coalesce into one message with the latest
 * status; a change that is undone before it is sent sends nothing.
 */
public final class StatusWatcher implements AutoCloseable {
    private final HealthModel model;
    private final Consumer<GetStatusResponse> sink;
    private final ScheduledExecutorService timer;
    private final long minIntervalNanos;
    private Runnable unsubscribe;
    private ScheduledFuture<?> pending;
    private GetStatusResponse lastSentKey;
    private long lastSentNanos;
    private boolean closed;

    /** @param sink receives the statuses, one at a time; if it throws, the watch ends */
    public StatusWatcher(HealthModel model, Consumer<GetStatusResponse> sink, ScheduledExecutorService timer,
            Duration minInterval) {
        this.model = requireNonNull(model, "model is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.minIntervalNanos = requireNonNull(minInterval, "minInterval is null").toNanos();
    }

    public void start() {
        Runnable handle = model.addListener(this::changed);
        synchronized (this) {
            unsubscribe = handle;
            if (closed) {
                handle.run();
                return;
            }
        }
        send();
    }

    private synchronized void changed() {
        if (closed || pending != null) {
            return;
        }
        long wait = Math.max(0, lastSentNanos + minIntervalNanos - System.nanoTime());
        pending = timer.schedule(this::send, wait, TimeUnit.NANOSECONDS);
    }

    private synchronized void send() {
        pending = null;
        if (closed) {
            return;
        }
        GetStatusResponse status = model.status();
        GetStatusResponse key = HealthModel.changeKey(status);
        if (key.equals(lastSentKey)) {
            return;
        }
        try {
            sink.accept(status);
        } catch (RuntimeException e) {
            close();
            return;
        }
        lastSentKey = key;
        lastSentNanos = System.nanoTime();
    }

    @Override
    public void close() {
        Runnable handle;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (pending != null) {
                pending.cancel(false);
                pending = null;
            }
            handle = unsubscribe;
        }
        if (handle != null) {
            handle.run();
        }
    }
}
