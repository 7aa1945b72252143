package io.brickwork.agent.gluster;

import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** This node's bricks as its glusterd knows them. */
@FunctionalInterface
public interface BrickTable {
    /** The bricks of every started volume that this node holds (stopped volumes are not listed). */
    List<BrickStatus> localBricks(Duration timeout) throws CommandException, IOException;
}
