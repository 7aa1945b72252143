package io.brickwork.coordinator.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the coordinator's services in order and stops them in reverse, then shuts down every
 * executor they ran on. A start that fails stops what had started (the failing service too: a
 * service's stop undoes a partial start) and throws the failure.
 */
public final class Lifecycle {
    private static final Logger log = Logger.getLogger(Lifecycle.class.getName());
    private static final Duration EXECUTOR_GRACE = Duration.ofSeconds(2);

    /** One thing that runs while the coordinator does; {@code stop} is safe after a partial or no start. */
    public record Service(String name, Runnable start, Runnable stop) {
        public Service {
            requireNonNull(name, "name is null");
            requireNonNull(start, "start is null");
            requireNonNull(stop, "stop is null");
        }

        /** Runs {@code task} every {@code period} on {@code timer}, from one period after the start. */
        public static Service every(String name, Duration period, ScheduledExecutorService timer, Runnable task) {
            ScheduledFuture<?>[] scheduled = new ScheduledFuture<?>[1];
            return new Service(name,
                    () -> scheduled[0] = timer.scheduleAtFixedRate(task, period.toMillis(), period.toMillis(),
                            TimeUnit.MILLISECONDS),
                    () -> {
                        if (scheduled[0] != null) {
                            scheduled[0].cancel(false);
                        }
                    });
        }
    }

    private final List<Service> services;
    private final List<ExecutorService> executors;
    private final List<Service> started = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean running;

    /**
     * @param services in the order they start
     * @param executors what the services run on, shut down after the last service has stopped
     */
    public Lifecycle(List<Service> services, List<ExecutorService> executors) {
        this.services = List.copyOf(services);
        this.executors = List.copyOf(executors);
    }

    public synchronized void start() {
        if (running || stopped.getCount() == 0) {
            throw new IllegalStateException("a coordinator starts once");
        }
        running = true;
        for (Service service : services) {
            started.add(service);
            try {
                service.start().run();
            } catch (RuntimeException e) {
                stop();
                throw e;
            }
            log.fine(() -> service.name() + " started");
        }
    }

    /** Stops every started service, last started first; a service that fails to stop does not keep the others running. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        for (int i = started.size() - 1; i >= 0; i--) {
            Service service = started.get(i);
            try {
                service.stop().run();
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "stopping " + service.name() + " failed: " + e.getMessage(), e);
            }
        }
        started.clear();
        for (ExecutorService executor : executors) {
            executor.shutdown();
        }
        for (ExecutorService executor : executors) {
            awaitOrCut(executor);
        }
        stopped.countDown();
    }

    /** Returns once {@link #stop()} has run. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private static void awaitOrCut(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(EXECUTOR_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
