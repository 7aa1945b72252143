package io.brickwork.agent.system;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * What a finished command left behind. Output is kept whole up to a bound (stdout 16 MiB, which
 * parsers need all of; stderr its last 64 KiB); beyond it, the tail after a "[N bytes cut]" line.
 */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr, Duration duration) {
    public CommandResult {
        argv = List.copyOf(requireNonNull(argv, "argv is null"));
        requireNonNull(stdout, "stdout is null");
        requireNonNull(stderr, "stderr is null");
        requireNonNull(duration, "duration is null");
    }

    public boolean ok() {
        return exitCode == 0;
    }
}
