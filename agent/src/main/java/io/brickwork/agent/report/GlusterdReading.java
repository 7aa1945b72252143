package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.LocalGlusterd;

/**
 * What one read of glusterd's state found: the state (peers and this node's bricks), and whether
 * glusterd runs. A glusterd that answered without its state (it could not write the dump, the
 * dump was unreadable) runs; one that did not answer at all is not known to, and is reported not
 * running beside the unknown state.
 *
 * @param running glusterd answered, with its state or with an error of its own
 */
record GlusterdReading(Reading<LocalGlusterd.State> state, boolean running) {
    GlusterdReading {
        requireNonNull(state, "state is null");
        if (state.part() instanceof PartReading.Known<LocalGlusterd.State> && !running) {
            throw new IllegalArgumentException("glusterd gave its state, so it runs");
        }
        if (state.part() instanceof PartReading.Unknown<LocalGlusterd.State> && running) {
            throw new IllegalArgumentException("nothing was learned of glusterd, so it is not known to run");
        }
    }
}
