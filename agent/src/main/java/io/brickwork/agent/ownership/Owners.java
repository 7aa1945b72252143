package io.brickwork.agent.ownership;

import static java.util.Objects.requireNonNull;

/** A path's owner and group, by name (or by number when the id has no name). */
public record Owners(String user, String group) {
    public Owners {
        requireNonNull(user, "user is null");
        requireNonNull(group, "group is null");
    }

    @Override
    public String toString() {
        return user + ":" + group;
    }
}
