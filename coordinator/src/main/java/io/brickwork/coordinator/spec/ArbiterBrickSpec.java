package io.brickwork.coordinator.spec;

import static java.util.Objects.requireNonNull;

/**
 * The third brick of a volume on exactly two data nodes ({@code volumes[].arbiter-brick}): it
 * holds only file names and metadata, and gives the replica set the third vote that prevents
 * split-brain. Gluster's {@code replica 3 arbiter 1} takes it as the last brick of the set.
 *
 * @param node a cluster node; one of the two data nodes, or a third node that holds no data
 * @param path absolute, under the agent's brick roots, not the data brick's path on that node
 */
public record ArbiterBrickSpec(String node, String path) {
    public ArbiterBrickSpec {
        requireNonNull(node, "node is null");
        requireNonNull(path, "path is null");
    }

    /** {@code node:path}, as gluster names the brick. */
    public String brick() {
        return node + ":" + path;
    }
}
