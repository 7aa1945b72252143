package io.brickwork.agent.steps;

import io.brickwork.agent.gluster.GlusterCommandException;
import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * glusterd's refusal of a change while two peers of the pool are not yet connected to each other,
 * which lasts a moment after a probe: the manager sees a new peer connected before the other peers
 * do. glusterd 10 words it "Staging failed on node2. Error: Host node3 not connected" (volume
 * create) or "Pre Validation failed on node3. Host node4 not connected" (replace-brick,
 * add-brick). Such a refusal comes before any peer commits, so it changed nothing and the change
 * may be tried again after a fresh read.
 */
final class PeersStillConnecting {
    private static final Pattern REFUSAL =
            Pattern.compile("(Staging|Pre Validation) failed on \\S+\\. (Error: )?Host \\S+ not connected");

    private PeersStillConnecting() {
    }

    /** A gluster change that commits on every peer or is refused. */
    @FunctionalInterface
    interface Change {
        void run() throws CommandException;
    }

    /**
     * Runs the change, and again after each such refusal until the step's deadline, unless
     * {@code done} (a fresh read) says it took effect meanwhile; at the deadline the last refusal
     * is thrown, and any other failure at once.
     */
    static void apply(StepContext context, StepContext.Reading<Boolean> done, Change change)
            throws CommandException, IOException, InterruptedException {
        boolean[] tried = {false};
        Optional<GlusterCommandException> refusal = context.poll(() -> {
            if (tried[0] && done.read()) {
                return Optional.empty();
            }
            tried[0] = true;
            return attempt(change);
        }, Optional::isEmpty);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /**
     * Runs the change: empty when it went through, glusterd's refusal when the peers are still
     * connecting (to be tried again after a fresh read); any other failure is thrown.
     */
    private static Optional<GlusterCommandException> attempt(Change change) throws CommandException {
        try {
            change.run();
            return Optional.empty();
        } catch (GlusterCommandException e) {
            if (!REFUSAL.matcher(e.opErrstr()).find()) {
                throw e;
            }
            return Optional.of(e);
        }
    }
}
