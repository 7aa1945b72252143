package io.brickwork.common.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {
    @Test
    void threadsAreDaemonsAndDoNotStartThemselves() {
        Thread thread = DaemonThreads.named("step").newThread(() -> { });

        assertTrue(thread.isDaemon());
        assertEquals(Thread.State.NEW, thread.getState());
    }

    @Test
    void threadsOfOneFactoryAreNumberedInTheOrderTheyAreMade() {
        ThreadFactory factory = DaemonThreads.named("step");

        assertEquals("step-1", factory.newThread(() -> { }).getName());
        assertEquals("step-2", factory.newThread(() -> { }).getName());
    }

    @Test
    void eachFactoryCountsForItself() {
        DaemonThreads.named("timer").newThread(() -> { });

        assertEquals("timer-1", DaemonThreads.named("timer").newThread(() -> { }).getName());
    }
}
