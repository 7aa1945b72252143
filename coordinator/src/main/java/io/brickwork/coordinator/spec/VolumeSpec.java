package io.brickwork.coordinator.spec;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One replicated gluster volume. {@code nodes} is explicit here even when the document left it
 * out (then it is every cluster node), so a stored spec never depends on a default.
 *
 * @param force pass {@code force} to {@code gluster volume create}: needed for a brick on the
 *     root file system, and only ever set because the spec asked for it
 * @param authAllow the entries of gluster's {@code auth.allow}, as the spec lists them; empty
 *     when the spec leaves it to the coordinator, which then admits the cluster nodes'
 *     addresses. An {@code Optional} rather than a nullable list because absent means a
 *     computed default, not "no restriction": every reader of it has to say which default.
 *     {@code List.of(ANY_HOST)} is the explicit opt-out.
 * @param arbiter the last brick of every replica set holds only metadata ({@code replica 3
 *     arbiter 1}): the third vote that prevents split-brain, without a third copy of the data
 * @param directories application directories created on the mounted volume, in spec order
 * @param arbiterBrick for a volume on exactly two nodes: the arbiter brick that completes its one
 *     replica set ({@code replica 3 arbiter 1}, with {@code arbiter} true); empty otherwise, and
 *     then an arbiter volume takes every third of its {@code nodes}' bricks as the arbiter
 * @param tls the volume's I/O path (bricks, FUSE clients, self-heal) is TLS, admitting only
 *     certificates of the cluster's nodes; the document's {@code tls}, else the cluster's
 */
public record VolumeSpec(String name, int replica, List<String> nodes, String brick, boolean force,
        Optional<List<String>> authAllow, MountSpec mount, boolean arbiter, List<DirectorySpec> directories,
        Optional<ArbiterBrickSpec> arbiterBrick, boolean tls) {
    /** The {@code auth-allow} entry that admits any client; only ever the sole entry. */
    public static final String ANY_HOST = "*";

    public VolumeSpec {
        requireNonNull(name, "name is null");
        nodes = List.copyOf(nodes);
        requireNonNull(brick, "brick is null");
        authAllow = requireNonNull(authAllow, "authAllow is null").map(List::copyOf);
        requireNonNull(mount, "mount is null");
        directories = List.copyOf(directories);
        requireNonNull(arbiterBrick, "arbiterBrick is null");
    }

    /** A volume without TLS. */
    public VolumeSpec(String name, int replica, List<String> nodes, String brick, boolean force,
            Optional<List<String>> authAllow, MountSpec mount, boolean arbiter, List<DirectorySpec> directories,
            Optional<ArbiterBrickSpec> arbiterBrick) {
        this(name, replica, nodes, brick, force, authAllow, mount, arbiter, directories, arbiterBrick, false);
    }

    /** A volume whose bricks are all on its {@code nodes}. */
    public VolumeSpec(String name, int replica, List<String> nodes, String brick, boolean force,
            Optional<List<String>> authAllow, MountSpec mount, boolean arbiter, List<DirectorySpec> directories) {
        this(name, replica, nodes, brick, force, authAllow, mount, arbiter, directories, Optional.empty());
    }

    /** A volume without arbiter and without application directories. */
    public VolumeSpec(String name, int replica, List<String> nodes, String brick, boolean force,
            Optional<List<String>> authAllow, MountSpec mount) {
        this(name, replica, nodes, brick, force, authAllow, mount, false, List.of());
    }

    /** The data bricks, {@code node:path} in node order: one per node, without the arbiter brick. */
    public List<String> bricks() {
        return nodes.stream().map(node -> node + ":" + brick).toList();
    }

    /**
     * The brick arguments of {@code gluster volume create}: the data bricks, then the arbiter
     * brick if there is one. Gluster groups consecutive bricks into replica sets and takes the
     * last of each arbiter set as its arbiter, so the order is part of the layout.
     */
    public List<String> allBricks() {
        List<String> all = new ArrayList<>(bricks());
        arbiterBrick.ifPresent(arbiterBrick -> all.add(arbiterBrick.brick()));
        return List.copyOf(all);
    }
}
