package io.brickwork.agent.system;

/** Tells whether a host name or address from a request means this very node. */
@FunctionalInterface
public interface LocalNode {
    boolean isSelf(String host);
}
