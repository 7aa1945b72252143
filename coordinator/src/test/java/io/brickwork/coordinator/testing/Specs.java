package io.brickwork.coordinator.testing;

/** Specs the coordinator tests apply; {@link Reports} speaks of the same volume, brick and mount. */
public final class Specs {
    /** Three nodes, one replica-3 volume staging-gfs with its brick and a mount on each node. */
    public static final String STAGING = """
            cluster { name = staging, manager = node1, nodes = [node1, node2, node3] }
            volumes = [{
              name = staging-gfs
              replica = 3
              brick = "/gluster/brick"
              force = true
              mount { path = "/mnt", owner = root, group = docker }
            }]
            """;

    private Specs() {}
}
