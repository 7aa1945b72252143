package io.brickwork.agent.directories;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** Real {@link NioDirectories} with an attacker's move between the check of a segment and its opening. */
public final class RacingDirectories {
    /** What the attacker does, once, when the agent is about to open {@code parent/name}. */
    public interface Swap {
        void run() throws IOException;
    }

    private RacingDirectories() {}

    public static Directories swappingOnce(Path target, Swap swap) {
        AtomicBoolean done = new AtomicBoolean();
        return new NioDirectories((parent, name) -> {
            if (parent.resolve(name).equals(target) && done.compareAndSet(false, true)) {
                swap.run();
            }
        });
    }
}
