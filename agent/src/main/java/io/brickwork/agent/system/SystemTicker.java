package io.brickwork.agent.system;

import java.time.Duration;
import java.time.Instant;

/** Wall-clock time and a real sleep. */
public final class SystemTicker implements Ticker {
    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
