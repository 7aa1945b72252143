package io.brickwork.agent.steps;

import io.brickwork.agent.system.CommandException;
import java.io.IOException;

/**
 * One typed action, in three phases. A step object serves one request and may remember in
 * {@link #check} what {@link #apply} needs; each implementation states its idempotency
 * contract in one sentence.
 */
public interface Step {
    /** What is. Reads only, never changes the node. */
    Check check() throws CommandException, IOException, StepFailedException, InterruptedException;

    /** Makes it so. Called only after {@link #check} returned {@link Check.NeedsChange}. */
    void apply() throws CommandException, IOException, StepFailedException, InterruptedException;

    /**
     * Re-reads and confirms; steps whose effect shows up asynchronously (peers joining, a fuse
     * mount appearing) wait for it here until the deadline.
     */
    Check verify() throws CommandException, IOException, StepFailedException, InterruptedException;
}
