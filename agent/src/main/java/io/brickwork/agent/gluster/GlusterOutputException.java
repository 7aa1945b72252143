package io.brickwork.agent.gluster;

import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.CommandResult;

/** gluster exited 0 but printed something that is not the XML we expect. */
public final class GlusterOutputException extends CommandFailedException {
    public GlusterOutputException(String problem, CommandResult result) {
        super("cannot read the output of " + String.join(" ", result.argv()) + ": " + problem, result);
    }
}
