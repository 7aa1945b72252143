package io.brickwork.agent.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Time that only moves when someone sleeps, so waits in tests take no real time. */
public final class FakeTicker implements Ticker {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<Duration> sleeps = new ArrayList<>();
    private Runnable onSleep = () -> { };

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
        onSleep.run();
    }

    /** Something that happens in the world while the code under test waits. */
    public synchronized void onSleep(Runnable effect) {
        this.onSleep = effect;
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
