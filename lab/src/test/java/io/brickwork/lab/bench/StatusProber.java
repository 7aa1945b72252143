package io.brickwork.lab.bench;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.brickwork.proto.coordinator.v1.GetStatusRequest;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls GetStatus at a steady rate whatever the answers take (open loop: a slow answer does not
 * delay the next call, so slowness shows in the latencies instead of hiding in a lower rate).
 * Latencies go to the window current when the call started; a new window begins each phase.
 */
final class StatusProber {
    private static final long DEADLINE_SECONDS = 10;

    /**
     * The calls started during one phase of the run. A failed call counts among the latencies
     * with the time it took to fail (at least the deadline, for one that timed out): leaving it
     * out would make a coordinator too slow to answer look fast.
     */
    static final class Window {
        private final List<Long> latencyNanos = Collections.synchronizedList(new ArrayList<>());
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger started = new AtomicInteger();

        /** Waits until every call started in this window has ended; deadlines bound the wait. */
        boolean awaitCalls() throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS + 2);
            while (latencyNanos.size() < started.get()) {
                if (System.nanoTime() > end) {
                    return false;
                }
                Thread.sleep(20);
            }
            return true;
        }

        List<Long> latencyNanos() {
            synchronized (latencyNanos) {
                return List.copyOf(latencyNanos);
            }
        }

        List<String> failures() {
            synchronized (failures) {
                return List.copyOf(failures);
            }
        }
    }

    private final CoordinatorGrpc.CoordinatorStub stub;
    private final ScheduledExecutorService timer;
    private final double perSecond;
    private final AtomicReference<Window> window = new AtomicReference<>(new Window());
    private final AtomicReference<GetStatusResponse> last = new AtomicReference<>();
    private ScheduledFuture<?> calls;

    StatusProber(Channel channel, ScheduledExecutorService timer, double perSecond) {
        this.stub = CoordinatorGrpc.newStub(requireNonNull(channel, "channel is null"));
        this.timer = requireNonNull(timer, "timer is null");
        this.perSecond = perSecond;
    }

    synchronized void start() {
        long periodNanos = (long) (1_000_000_000L / perSecond);
        calls = timer.scheduleAtFixedRate(this::call, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    synchronized void stop() {
        if (calls != null) {
            calls.cancel(false);
        }
    }

    /** Starts a new window and returns the one that ends. */
    Window nextWindow() {
        return window.getAndSet(new Window());
    }

    /** The last answer received, to show what the coordinator was summarizing. */
    GetStatusResponse lastResponse() {
        return last.get();
    }

    private void call() {
        Window current = window.get();
        current.started.incrementAndGet();
        long start = System.nanoTime();
        stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).getStatus(GetStatusRequest.getDefaultInstance(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(GetStatusResponse response) {
                        last.set(response);
                    }

                    @Override
                    public void onError(Throwable t) {
                        Status status = Status.fromThrowable(t);
                        current.failures.add(status.getCode() + ": " + status.getDescription());
                        current.latencyNanos.add(System.nanoTime() - start);
                    }

                    @Override
                    public void onCompleted() {
                        current.latencyNanos.add(System.nanoTime() - start);
                    }
                });
    }
}
