package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCommandException;
import io.brickwork.agent.gluster.GlusterOutputException;
import io.brickwork.agent.gluster.LocalGlusterd;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * glusterd's state (peers and this node's bricks, one {@code get-state}) and whether it runs.
 * The read runs on its own thread, one at a time.
 */
final class GlusterdReader {
    static final String WHAT = "glusterd state (get-state)";
    static final String HELD_BACK = WHAT + ": not asked while the disk read of / and the bricks"
            + " hangs (glusterd reads the same file systems under its lock)";
    static final String REFUSES = "; glusterd refuses connections on its socket";

    private final LocalGlusterd glusterd;
    private final BooleanSupplier refuses;
    private final Duration timeout;
    private final OffThreadRead<LocalGlusterd.State> reads;

    /**
     * @param refuses glusterd certainly is not listening on its socket: asked, at no cost, when
     *     the read did not tell
     * @param timeout of the get-state command
     */
    GlusterdReader(LocalGlusterd glusterd, BooleanSupplier refuses, Duration timeout) {
        this.glusterd = requireNonNull(glusterd, "glusterd is null");
        this.refuses = requireNonNull(refuses, "refuses is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.reads = new OffThreadRead<>("glusterd", WHAT);
    }

    OffThreadRead<LocalGlusterd.State>.Attempt attempt() {
        return reads.attempt();
    }

    /** Starts the read unless the previous one still runs. */
    void start(OffThreadRead<LocalGlusterd.State>.Attempt attempt) {
        attempt.start(() -> glusterd.state(timeout));
    }

    /** The read started by {@link #start}, waited for until {@code deadline}. */
    GlusterdReading await(OffThreadRead<LocalGlusterd.State>.Attempt attempt, Deadline deadline)
            throws InterruptedException {
        ReadOutcome<LocalGlusterd.State> outcome = attempt.await(deadline);
        // glusterd answering, with an error or with something unreadable, is glusterd running;
        // "Connection failed" is not.
        boolean answered = outcome instanceof ReadOutcome.Answered<LocalGlusterd.State>
                || outcome instanceof ReadOutcome.Threw<LocalGlusterd.State> threw
                        && (threw.cause() instanceof GlusterCommandException
                                || threw.cause() instanceof GlusterOutputException);
        return knockIfUnknown(new GlusterdReading(outcome.reading(WHAT), answered));
    }

    /**
     * glusterd's get-state runs statvfs on this node's bricks while it holds its one big lock: on
     * a brick file system that hangs, it would hang glusterd itself, for every command on this
     * node. While the agent's own read of those file systems is stuck, glusterd is not asked.
     */
    GlusterdReading heldBack() {
        return knockIfUnknown(new GlusterdReading(Reading.unknown(HELD_BACK), false));
    }

    /**
     * A read that waits on a glusterd that died meanwhile can hang until its timeout; the socket
     * tells at once. No answer is unknown; a refused connection is glusterd down.
     */
    private GlusterdReading knockIfUnknown(GlusterdReading reading) {
        if (reading.state().part() instanceof PartReading.Unknown<LocalGlusterd.State> unknown
                && refuses.getAsBoolean()) {
            return new GlusterdReading(new Reading<>(new PartReading.Failed<>(unknown.reason() + REFUSES),
                    reading.state().errors()), false);
        }
        return reading;
    }
}
