package io.brickwork.agent.mount;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Which processes use a mount, so that it is never pulled from under them unasked. */
public interface MountUsers {
    /** @return in pid order; empty when nothing is mounted on {@code mountPoint} */
    List<MountUser> of(Path mountPoint) throws IOException;
}
