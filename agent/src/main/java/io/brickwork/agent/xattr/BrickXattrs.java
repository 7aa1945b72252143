package io.brickwork.agent.xattr;

import io.brickwork.agent.system.CommandException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The extended attributes glusterd leaves on a brick directory. */
public interface BrickXattrs {
    /**
     * The id of the volume whose brick this directory is or was, from
     * {@code trusted.glusterfs.volume-id}, as a canonical 8-4-4-4-12 UUID; empty when unset.
     */
    Optional<String> volumeId(Path directory, Duration timeout) throws CommandException;
}
