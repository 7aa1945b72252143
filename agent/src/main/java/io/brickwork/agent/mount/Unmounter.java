package io.brickwork.agent.mount;

import io.brickwork.agent.system.CommandException;
import java.nio.file.Path;
import java.time.Duration;

/** Unmounts what is mounted on a mount point. */
public interface Unmounter {
    /**
     * @param lazy detach the mount now and let the kernel finish once no process uses it
     *     ({@code umount -l}); without it an unmount of a mount in use fails
     */
    void unmount(Path mountPoint, boolean lazy, Duration timeout) throws CommandException;
}
