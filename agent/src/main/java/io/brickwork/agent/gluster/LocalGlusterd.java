package io.brickwork.agent.gluster;

import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** What this node's glusterd knows, asked of it alone. */
@FunctionalInterface
public interface LocalGlusterd {
    State state(Duration timeout) throws CommandException, IOException;

    /**
     * @param peers the other peers of the pool
     * @param bricks this node's bricks of every started volume (stopped volumes are not listed)
     */
    record State(List<Peer> peers, List<BrickStatus> bricks) {
        public State {
            peers = List.copyOf(peers);
            bricks = List.copyOf(bricks);
        }
    }
}
