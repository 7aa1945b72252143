package io.brickwork.agent.mount;

import static java.util.Objects.requireNonNull;

/** A process that holds something on a mount: an open or mapped file, its working directory or root. */
public record MountUser(long pid, String command) {
    public MountUser {
        requireNonNull(command, "command is null");
    }

    @Override
    public String toString() {
        return pid + " (" + command + ")";
    }
}
