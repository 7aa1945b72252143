package io.brickwork.agent.gluster;

/** How glusterd answered a successful {@code peer probe}. */
public enum ProbeResult {
    PROBED,
    /** The host is already in the pool (possibly under another of its names). */
    ALREADY_PEER,
    /** The host is this node; glusterd does not probe itself. */
    LOCALHOST
}
