package io.brickwork.agent.steps;

import io.brickwork.agent.services.Glusterd;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A glusterd under systemd that records stop and start: {@link #whileStopped} runs between them,
 * {@link #whileStarted} after a start (the world glusterd changes then), and a start moves
 * {@link #startedAt} to {@link #startTime}.
 */
final class RecordingGlusterd implements Glusterd {
    final List<String> calls = new ArrayList<>();
    boolean restartable = true;
    IoAction whileStopped = () -> { };
    IoAction whileStarted = () -> { };
    Optional<Instant> startedAt = Optional.empty();
    Instant startTime = Instant.EPOCH;

    interface IoAction {
        void run() throws IOException;
    }

    @Override
    public boolean systemdManaged() {
        return true;
    }

    @Override
    public boolean enabled(Duration timeout) {
        return true;
    }

    @Override
    public boolean active(Duration timeout) {
        return true;
    }

    @Override
    public boolean listening() {
        return true;
    }

    @Override
    public boolean refusing() {
        return false;
    }

    @Override
    public void enableNow(Duration timeout) {
        calls.add("enable --now");
    }

    @Override
    public boolean restartable() {
        return restartable;
    }

    @Override
    public void stop(Duration timeout) {
        calls.add("stop");
        startedAt = Optional.empty();
        run(whileStopped);
    }

    @Override
    public void start(Duration timeout) {
        calls.add("start");
        startedAt = Optional.of(startTime);
        run(whileStarted);
    }

    @Override
    public Optional<Instant> startedAt() {
        return startedAt;
    }

    private static void run(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
