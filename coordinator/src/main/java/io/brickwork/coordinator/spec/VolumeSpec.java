package io.brickwork.coordinator.spec;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One replicated gluster volume. {@code nodes} is explicit here even when the document left it
 * out (then it is every cluster node), so a stored spec never depends on a default.
 *
 * @param force pass {@code force} to {@code gluster volume create}: needed for a brick on the
 *     root file system, and only ever set because the spec asked for it
 */
public record VolumeSpec(String name, int replica, List<String> nodes, String brick, boolean force, MountSpec mount) {
    public VolumeSpec {
        requireNonNull(name, "name is null");
        nodes = List.copyOf(nodes);
        requireNonNull(brick, "brick is null");
        requireNonNull(mount, "mount is null");
    }

    /**
     * The brick arguments of {@code gluster volume create}, {@code node:path} in node order.
     * Gluster groups consecutive bricks into replica sets, so the order is part of the layout.
     */
    public List<String> bricks() {
        return nodes.stream().map(node -> node + ":" + brick).toList();
    }
}
