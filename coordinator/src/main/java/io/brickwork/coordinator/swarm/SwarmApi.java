package io.brickwork.coordinator.swarm;

import java.util.List;
import java.util.Optional;

/** The part of a Swarm manager's Engine API that Brickwork uses. */
public interface SwarmApi extends AutoCloseable {
    /** Every node of the Swarm; fails on a Docker that is not a Swarm manager. */
    List<SwarmNode> nodes() throws SwarmException;

    /**
     * Sets ({@code value} present) or removes one label of a node, reading the node's current
     * spec first and changing only that key; role, availability and other labels stay. The
     * update carries the version just read, so a concurrent change makes it fail rather than
     * be overwritten.
     *
     * @return whether anything changed
     */
    boolean setLabel(String nodeId, String key, Optional<String> value) throws SwarmException;

    @Override
    void close();
}
