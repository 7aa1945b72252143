package io.brickwork.agent.ownership;

/** A user or group named in a request does not exist on this node. */
public final class NoSuchAccountException extends Exception {
    public NoSuchAccountException(String kind, String name) {
        super(kind + " '" + name + "' does not exist on this node");
    }
}
