package io.brickwork.coordinator.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    private Lifecycle.Service service(String name) {
        return new Lifecycle.Service(name, () -> events.add("start " + name), () -> events.add("stop " + name));
    }

    @Test
    void servicesStartInOrderAndStopInReverseThenTheExecutorsAreShutDown() {
        Lifecycle lifecycle = new Lifecycle(List.of(service("ca"), service("doors"), service("heartbeats")),
                List.of(executor));

        lifecycle.start();
        lifecycle.stop();

        assertEquals(List.of("start ca", "start doors", "start heartbeats", "stop heartbeats", "stop doors", "stop ca"),
                events);
        assertTrue(executor.isShutdown());
    }

    @Test
    void aFailedStartStopsWhatStartedTheFailingServiceIncludedAndThrowsTheFailure() {
        IllegalStateException failure = new IllegalStateException("port taken");
        Lifecycle lifecycle = new Lifecycle(List.of(service("ca"),
                new Lifecycle.Service("doors", () -> { throw failure; }, () -> events.add("stop doors")),
                service("heartbeats")), List.of(executor));

        assertSame(failure, assertThrows(IllegalStateException.class, lifecycle::start));
        assertEquals(List.of("start ca", "stop doors", "stop ca"), events);
        assertTrue(executor.isShutdown());
    }

    @Test
    void aServiceThatFailsToStopDoesNotKeepTheOthersRunning() {
        Lifecycle lifecycle = new Lifecycle(List.of(service("ca"),
                new Lifecycle.Service("doors", () -> { }, () -> { throw new IllegalStateException("stuck"); })),
                List.of(executor));
        lifecycle.start();

        lifecycle.stop();

        assertEquals(List.of("start ca", "stop ca"), events);
        assertTrue(executor.isShutdown());
    }

    @Test
    void stoppingTwiceStopsOnce() {
        Lifecycle lifecycle = new Lifecycle(List.of(service("ca")), List.of(executor));
        lifecycle.start();

        lifecycle.stop();
        lifecycle.stop();

        assertEquals(List.of("start ca", "stop ca"), events);
    }
}
