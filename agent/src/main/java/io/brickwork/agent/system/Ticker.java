package io.brickwork.agent.system;

import java.time.Duration;
import java.time.Instant;

/** Time for deadlines and polling, behind an interface so tests can run waits instantly. */
public interface Ticker {
    Instant now();

    void sleep(Duration duration) throws InterruptedException;
}
