package io.brickwork.common.concurrent;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for the daemons' executors. Daemon threads, so that a pool nobody shut down never
 * holds the JVM open after its shutdown hooks; numbered, so that a thread dump tells the threads
 * of one pool apart.
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** Threads named {@code name-1}, {@code name-2}, ... in the order they are made. */
    public static ThreadFactory named(String name) {
        requireNonNull(name, "name is null");
        AtomicInteger made = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
