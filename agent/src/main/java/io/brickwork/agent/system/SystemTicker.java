package io.brickwork.agent.system;

import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/** Wall-clock time and a real sleep. */
public final class SystemTicker implements Ticker {
    @Inject
    public SystemTicker() {}

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
