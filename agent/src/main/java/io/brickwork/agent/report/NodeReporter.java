package io.brickwork.agent.report;

import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.WatchList;
import java.util.function.Consumer;

/**
 * Tells the coordinator what this node sees: every report interval, and at once when something
 * changes state. Runs only while a stream is welcomed; the gateway starts and stops it.
 */
public interface NodeReporter {
    /** Starts reporting into {@code sink} (replacing any previous sink). */
    void start(Consumer<NodeReport> sink);

    /** What to watch from now on; replaces the previous list. */
    void watch(WatchList watch);

    /** Stops reporting; reads already running finish on their own threads. Start may follow. */
    void stop();
}
