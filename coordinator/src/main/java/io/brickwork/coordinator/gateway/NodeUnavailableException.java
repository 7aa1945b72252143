package io.brickwork.coordinator.gateway;

/** The node's agent is not connected, or its stream ended while an action was in flight. */
public final class NodeUnavailableException extends RuntimeException {
    private final String node;

    public NodeUnavailableException(String node, String message) {
        super(message);
        this.node = node;
    }

    public String node() {
        return node;
    }
}
