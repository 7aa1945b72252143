package io.brickwork.agent.report;

import io.brickwork.agent.ownership.Owners;
import java.io.IOException;
import java.nio.file.Path;

/** A stat of a mount point: on a hung FUSE mount this may never return. */
@FunctionalInterface
public interface MountProbe {
    Owners stat(Path mountPoint) throws IOException;
}
