package io.brickwork.agent.mount;

import io.brickwork.agent.system.CommandException;
import java.nio.file.Path;
import java.time.Duration;

/** Mounts what /etc/fstab says for a mount point. */
public interface Mounter {
    void mount(Path mountPoint, Duration timeout) throws CommandException;
}
