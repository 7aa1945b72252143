package io.brickwork.agent.gateway;

import io.brickwork.agent.report.NodeReporter;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.WatchList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A reporter the test drives: it hands out the sink it was started with and records watch lists. */
final class FakeNodeReporter implements NodeReporter {
    private final BlockingQueue<Consumer<NodeReport>> starts = new LinkedBlockingQueue<>();
    private final BlockingQueue<WatchList> watches = new LinkedBlockingQueue<>();
    private volatile boolean running;

    @Override
    public void start(Consumer<NodeReport> sink) {
        running = true;
        starts.add(sink);
    }

    @Override
    public void watch(WatchList watch) {
        watches.add(watch);
    }

    @Override
    public void stop() {
        running = false;
    }

    Consumer<NodeReport> awaitStarted() throws InterruptedException {
        Consumer<NodeReport> sink = starts.poll(5, TimeUnit.SECONDS);
        if (sink == null) {
            throw new AssertionError("the reporter was never started");
        }
        return sink;
    }

    WatchList awaitWatch() throws InterruptedException {
        return watches.poll(5, TimeUnit.SECONDS);
    }

    boolean stopped() {
        return !running;
    }
}
