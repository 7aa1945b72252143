package io.brickwork.coordinator.spec;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import io.brickwork.common.validation.DirectoryRules;
import io.brickwork.common.validation.MountOptions;
import io.brickwork.common.validation.Validation;
import io.brickwork.coordinator.layout.ZonePlacement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * The rules a spec's values keep beyond their types: names gluster and the agents accept,
 * layouts gluster can create, and paths that cannot hurt the node. Every broken rule is
 * reported; a rule whose input the reader already rejected is skipped rather than guessed at.
 */
final class SpecRules {
    /** Mounting over one of these hides the system; a brick there mixes gluster's files into it. */
    static final Set<String> SYSTEM_DIRECTORIES = Set.of(
            "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc",
            "/root", "/run", "/sbin", "/sys", "/tmp", "/usr", "/var");
    /** Virtual or temporary file systems: not storage, or emptied at boot or by tmpfiles. */
    static final List<String> VOLATILE_TREES = List.of("/dev", "/proc", "/run", "/sys", "/tmp");
    /**
     * Gluster takes {@code auth.allow} as one option value, its entries joined by commas; this
     * bounds what every volfile and every {@code gluster volume set} then carries.
     */
    static final int MAX_AUTH_ALLOW_CHARS = Validation.MAX_AUTH_ALLOW;
    /** The longest IPv6 text form: six groups of four hex digits, then an IPv4 address. */
    /** Messages name at most this many cluster nodes; a spec may list thousands. */
    private static final int NODES_NAMED = 10;

    private final List<Violation> violations;

    SpecRules(List<Violation> violations) {
        this.violations = requireNonNull(violations, "violations is null");
    }

    void check(Draft.Cluster cluster) {
        ClusterNodes clusterNodes = cluster.nodes() == null ? null : new ClusterNodes(cluster.nodes());
        checkCluster(cluster, clusterNodes);
        if (cluster.volumes() == null) {
            return;
        }
        for (Draft.Volume volume : cluster.volumes()) {
            checkVolume(volume, clusterNodes);
            if (Boolean.TRUE.equals(volume.tls()) && Boolean.FALSE.equals(cluster.tls())) {
                report(volume.key("tls"), "true", "needs cluster.tls = true: the volume's TLS uses the certificates"
                        + " the cluster's TLS installs on every node");
            }
        }
        checkVolumesTogether(cluster.volumes());
        checkZones(cluster, clusterNodes);
    }

    /**
     * Zones name where a node's copies would die together (a rack, a room). When the spec names
     * any, every cluster node needs one, and every volume's replica sets must be able to span
     * distinct zones, arbiter included, unless the spec accepts sharing.
     */
    private void checkZones(Draft.Cluster cluster, ClusterNodes clusterNodes) {
        Map<String, String> zones = cluster.zones();
        if (zones.isEmpty()) {
            return;
        }
        zones.forEach((node, zone) -> {
            String key = "cluster.zones." + ConfigUtil.joinPath(node);
            if (clusterNodes != null && !clusterNodes.contains(node)) {
                report(key, zone, clusterNodes.notOneOfThem());
            }
            Validation.nameProblem(zone).ifPresent(problem -> report(key, zone, problem));
        });
        if (clusterNodes == null) {
            return;
        }
        List<String> without = clusterNodes.inOrder().stream().filter(node -> !zones.containsKey(node)).toList();
        if (!without.isEmpty()) {
            report("cluster.zones", null, "has no zone for " + String.join(", ", without)
                    + ": with zones, every cluster node needs one");
            return;
        }
        if (cluster.volumes() == null || !Boolean.FALSE.equals(cluster.allowSharedZones())) {
            return;
        }
        String hint = "; add nodes in other zones, or set cluster.allow-shared-zones = true to accept it";
        for (Draft.Volume volume : cluster.volumes()) {
            List<String> nodes = volume.nodes();
            Integer replica = volume.replica();
            if (nodes == null || replica == null || replica < 1 || !nodes.stream().allMatch(clusterNodes::contains)) {
                continue;
            }
            Draft.ArbiterBrick arbiterBrick = volume.arbiterBrick();
            if (arbiterBrick != null) {
                if (arbiterBrick.node() == null || !clusterNodes.contains(arbiterBrick.node()) || nodes.size() != 2) {
                    continue;
                }
                List<String> set = List.of(nodes.get(0), nodes.get(1), arbiterBrick.node());
                if (ZonePlacement.distinctZones(set, zones) < set.size()) {
                    report(volume.key("arbiter-brick.node"), arbiterBrick.node(), "the replica set " + String.join(", ", set)
                            + " would have two copies in one zone (" + String.join(", ", set.stream().map(zones::get).toList())
                            + ")" + hint);
                }
                continue;
            }
            if (replica > nodes.size() || nodes.size() % replica != 0) {
                continue;
            }
            String impossible = ZonePlacement.impossibility(nodes, replica, zones);
            if (impossible != null) {
                report(volume.key("nodes"), rendered(nodes), "replica sets cannot each span " + replica
                        + " distinct zones: " + impossible + hint);
            }
        }
    }

    private void checkCluster(Draft.Cluster cluster, ClusterNodes clusterNodes) {
        if (cluster.name() != null) {
            Validation.nameProblem(cluster.name()).ifPresent(problem -> report("cluster.name", cluster.name(), problem));
        }
        List<String> nodes = cluster.nodes();
        if (nodes != null) {
            for (int i = 0; i < nodes.size(); i++) {
                String key = "cluster.nodes[" + i + "]";
                String node = nodes.get(i);
                // A node name is also the host name in every brick, so gluster must resolve it.
                Validation.nameProblem(node).or(() -> Validation.nodeNameProblem(node)).ifPresent(problem -> report(key, node, problem));
            }
            checkNoDuplicateHosts("cluster.nodes", nodes);
        }
        if (clusterNodes != null && cluster.manager() != null && !clusterNodes.contains(cluster.manager())) {
            report("cluster.manager", cluster.manager(), clusterNodes.notOneOfThem());
        }
        Map<String, String> firstKeyByAddress = new HashMap<>();
        cluster.hosts().forEach((node, address) -> {
            String key = "cluster.hosts." + ConfigUtil.joinPath(node);
            if (clusterNodes != null && !clusterNodes.contains(node)) {
                report(key, address, clusterNodes.notOneOfThem());
            }
            Optional<String> problem = Validation.addressProblem(address);
            if (problem.isPresent()) {
                report(key, address, problem.get());
                return;
            }
            String earlier = firstKeyByAddress.putIfAbsent(address.toLowerCase(Locale.ROOT), key);
            if (earlier != null) {
                report(key, address, "same address as " + earlier);
            }
        });
    }

    private void checkVolume(Draft.Volume volume, ClusterNodes clusterNodes) {
        if (volume.name() != null) {
            Validation.nameProblem(volume.name()).ifPresent(problem -> report(volume.key("name"), volume.name(), problem));
        }
        if (volume.nodesExplicit() && volume.nodes() != null) {
            List<String> nodes = volume.nodes();
            for (int i = 0; i < nodes.size(); i++) {
                if (clusterNodes != null && !clusterNodes.contains(nodes.get(i))) {
                    report(volume.key("nodes[" + i + "]"), nodes.get(i), clusterNodes.notOneOfThem());
                }
            }
            checkNoDuplicateHosts(volume.key("nodes"), nodes);
        }
        checkReplica(volume);
        if (volume.brick() != null) {
            checkDataPath(volume.key("brick"), volume.brick());
        }
        if (volume.authAllow() != null) {
            checkAuthAllow(volume.key("auth-allow"), volume.authAllow());
        }
        Draft.Mount mount = volume.mount();
        if (mount.path() != null) {
            checkDataPath(volume.key("mount.path"), mount.path());
        }
        if (mount.owner() != null) {
            Validation.accountProblem(mount.owner()).ifPresent(problem -> report(volume.key("mount.owner"), mount.owner(), problem));
        }
        if (mount.group() != null) {
            Validation.accountProblem(mount.group()).ifPresent(problem -> report(volume.key("mount.group"), mount.group(), problem));
        }
        if (mount.options() != null) {
            checkMountOptions(volume.key("mount.options"), mount.options(), clusterNodes);
        }
        checkArbiter(volume);
        if (volume.arbiterBrick() != null) {
            checkArbiterBrick(volume, volume.arbiterBrick(), clusterNodes);
        }
        checkDirectories(volume.directories());
    }

    /**
     * Only the allowlist of {@link MountOptions}: mount.glusterfs runs as root, and options such
     * as log-file or volfile-server make it write files or trust servers the spec names. A
     * backup volfile server must be a cluster node (when the nodes could be read at all).
     */
    private void checkMountOptions(String key, String options, ClusterNodes clusterNodes) {
        Optional<String> form = Validation.mountOptionsProblem(options);
        if (form.isPresent()) {
            report(key, options, form.get());
            return;
        }
        for (String problem : MountOptions.problems(options, host -> clusterNodes == null || clusterNodes.contains(host))) {
            report(key, options, problem);
        }
    }

    /**
     * An explicit arbiter brick completes the one replica set of a volume on two nodes: gluster's
     * {@code replica 3 arbiter 1} with the data bricks first, so the spec must say just that.
     * Gluster refuses two bricks of one replica set on one server unless forced, so an arbiter on
     * a data node needs {@code force = true} in the spec: never added behind the operator's back,
     * since force also waives gluster's other checks (a brick on the root file system).
     */
    private void checkArbiterBrick(Draft.Volume volume, Draft.ArbiterBrick arbiterBrick, ClusterNodes clusterNodes) {
        String node = arbiterBrick.node();
        String path = arbiterBrick.path();
        if (node != null) {
            Validation.nameProblem(node).or(() -> Validation.nodeNameProblem(node))
                    .ifPresent(problem -> report(volume.key("arbiter-brick.node"), node, problem));
            if (clusterNodes != null && !clusterNodes.contains(node)) {
                report(volume.key("arbiter-brick.node"), node, clusterNodes.notOneOfThem());
            }
        }
        if (path != null) {
            checkDataPath(volume.key("arbiter-brick.path"), path);
        }
        List<String> nodes = volume.nodes();
        if (nodes != null && nodes.size() != 2) {
            report(volume.key("arbiter-brick"), rendered(node, path), "is only for a volume on exactly two nodes, this one has "
                    + nodes.size() + "; with three or more use replica = 3 and arbiter = true without it");
        }
        if (volume.replica() != null && volume.replica() != 3) {
            report(volume.key("replica"), volume.replica().toString(),
                    "must be 3 with an arbiter-brick (two data bricks and the arbiter: replica 3 arbiter 1)");
        }
        if (Boolean.FALSE.equals(volume.arbiter())) {
            report(volume.key("arbiter"), "false", "must be true with an arbiter-brick");
        }
        boolean onDataNode = node != null && nodes != null && nodes.contains(node);
        String brick = usable(volume.brick());
        if (onDataNode && usable(path) != null && brick != null) {
            overlap(path, brick, volume, "brick").ifPresent(problem -> report(volume.key("arbiter-brick.path"), path,
                    problem + ", the data brick on " + node + ": the arbiter needs a brick of its own"));
        }
        if (onDataNode && Boolean.FALSE.equals(volume.force())) {
            report(volume.key("force"), "false", "must be true with an arbiter-brick on a data node (" + node
                    + "): gluster refuses two bricks of one replica set on one server without force");
        }
    }

    private static String rendered(String node, String path) {
        return (node == null ? "?" : node) + ":" + (path == null ? "?" : path);
    }

    /** Gluster's arbiter layout is {@code replica 3 arbiter 1}: two data bricks and one arbiter per set. */
    private void checkArbiter(Draft.Volume volume) {
        if (Boolean.TRUE.equals(volume.arbiter()) && volume.replica() != null && volume.replica() != 3) {
            report(volume.key("arbiter"), "true", "needs replica = 3 (two data bricks and one arbiter per set), not "
                    + volume.replica());
        }
    }

    /**
     * Each directory is created under the mount: a path that could leave it ('..', absolute) or
     * that two entries share would make the result depend on the order of creation.
     */
    private void checkDirectories(List<Draft.Directory> directories) {
        Map<String, String> firstKeyByPath = new HashMap<>();
        for (Draft.Directory directory : directories) {
            String path = directory.path();
            if (path != null) {
                Optional<String> problem = DirectoryRules.relativePathProblem(path);
                problem.ifPresent(text -> report(directory.key() + ".path", path, text));
                if (problem.isEmpty()) {
                    String earlier = firstKeyByPath.putIfAbsent(path, directory.key());
                    if (earlier != null) {
                        report(directory.key() + ".path", path, "duplicate of " + earlier + ".path");
                    }
                }
            }
            if (directory.owner() != null) {
                Validation.accountProblem(directory.owner()).ifPresent(problem -> report(directory.key() + ".owner", directory.owner(), problem));
            }
            if (directory.group() != null) {
                Validation.accountProblem(directory.group()).ifPresent(problem -> report(directory.key() + ".group", directory.group(), problem));
            }
            if (directory.mode() != null) {
                DirectoryRules.modeProblem(directory.mode()).ifPresent(problem -> report(directory.key() + ".mode", directory.mode(), problem));
            }
            if (directory.quota() != null && DirectoryRules.quotaBytes(directory.quota()).isEmpty()) {
                report(directory.key() + ".quota", directory.quota(), "must be a size from 1MiB to 1PiB such as"
                        + " \"10GiB\" (K, M, G, T: powers of 1024)");
            }
        }
    }

    /** Gluster builds replica sets from consecutive bricks, so the bricks must fill whole sets. */
    private void checkReplica(Draft.Volume volume) {
        Integer replica = volume.replica();
        if (replica == null) {
            return;
        }
        String key = volume.key("replica");
        if (replica < 1) {
            report(key, replica.toString(), "must be at least 1");
            return;
        }
        if (volume.nodes() == null || volume.arbiterBrick() != null) {
            // With an arbiter brick the layout is fixed; checkArbiterBrick says what it needs.
            return;
        }
        int nodeCount = volume.nodes().size();
        if (replica > nodeCount) {
            String hint = replica == 3 && nodeCount == 2 && Boolean.TRUE.equals(volume.arbiter())
                    ? "; on two nodes add an arbiter-brick { node, path } for the third brick" : "";
            report(key, replica.toString(), "larger than the number of nodes (" + nodeCount + ")" + hint);
        } else if (nodeCount % replica != 0) {
            report(key, replica.toString(), "does not divide the number of nodes (" + nodeCount
                    + "): gluster needs whole replica sets");
        }
    }

    /**
     * Each entry is one client gluster admits. Gluster splits the option value at commas and
     * matches each part as a pattern, so an entry with a comma would silently become two, and
     * an entry that is not an address, a host name or a prefix wildcard admits nothing or
     * something unintended.
     */
    private void checkAuthAllow(String listKey, List<String> entries) {
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            String key = listKey + "[" + i + "]";
            authAllowEntryProblem(entry).ifPresent(problem -> report(key, entry, problem));
        }
        checkNoDuplicateHosts(listKey, entries);
        if (entries.size() > 1 && entries.contains(VolumeSpec.ANY_HOST)) {
            report(listKey, rendered(entries), "\"*\" admits any host and must be the only entry");
        }
        int length = String.join(",", entries).length();
        if (length > MAX_AUTH_ALLOW_CHARS) {
            report(listKey, rendered(entries), "is " + length + " characters joined with ','; gluster is given at most "
                    + MAX_AUTH_ALLOW_CHARS);
        }
    }

    /** The shared rule for one entry (the agent applies the same to the joined list); "*" is checked per list. */
    private static Optional<String> authAllowEntryProblem(String entry) {
        return entry.equals(VolumeSpec.ANY_HOST) ? Optional.empty() : Validation.authAllowEntryProblem(entry);
    }

    private void checkDataPath(String key, String path) {
        Optional<String> problem = pathProblem(path);
        if (problem.isEmpty() && SYSTEM_DIRECTORIES.contains(path)) {
            problem = Optional.of("is a system directory");
        }
        if (problem.isEmpty()) {
            problem = VOLATILE_TREES.stream()
                    .filter(tree -> path.startsWith(tree + "/"))
                    .findFirst()
                    .map(tree -> "is under " + tree + ", which does not keep data across reboots");
        }
        problem.ifPresent(text -> report(key, path, text));
    }

    /**
     * Paths that would collide on a node. Mounts are compared across all volumes, since a
     * volume may be mounted on any node of the cluster; bricks only where two volumes share a
     * node. A collision is reported at the later key, against the first volume it collides
     * with: one is enough to fix, and every pair would grow with the square of the volumes.
     */
    private void checkVolumesTogether(List<Draft.Volume> volumes) {
        // Computed once: usable() normalizes the path, and the loops below are quadratic.
        List<String> mounts = volumes.stream().map(volume -> usable(volume.mount().path())).toList();
        List<String> bricks = volumes.stream().map(volume -> usable(volume.brick())).toList();
        for (int later = 0; later < volumes.size(); later++) {
            Draft.Volume volume = volumes.get(later);
            String name = volume.name();
            if (name != null) {
                first(later, earlier -> name.equals(volumes.get(earlier).name())
                        ? Optional.of("duplicate of " + volumes.get(earlier).key("name"))
                        : Optional.empty())
                        .ifPresent(problem -> report(volume.key("name"), name, problem));
            }
            String mount = mounts.get(later);
            if (mount != null) {
                first(later, earlier -> overlap(mount, mounts.get(earlier), volumes.get(earlier), "mount.path"))
                        .ifPresent(problem -> report(volume.key("mount.path"), mount, problem));
            }
            String brick = bricks.get(later);
            if (brick == null) {
                continue;
            }
            if (volume.nodes() != null) {
                first(later, earlier -> overlap(brick, bricks.get(earlier), volumes.get(earlier), "brick")
                        .flatMap(problem -> sharedNode(volume, volumes.get(earlier)).map(node -> problem + " on " + node)))
                        .ifPresent(problem -> report(volume.key("brick"), brick, problem));
            }
            // A brick inside a glusterfs mount would store the volume inside a volume.
            first(volumes.size(), index -> overlap(brick, mounts.get(index), volumes.get(index), "mount.path"))
                    .ifPresent(problem -> report(volume.key("brick"), brick, problem));
        }
        checkArbiterBricksTogether(volumes, mounts, bricks);
    }

    /**
     * An arbiter brick is one more directory on its node: it must not collide with another
     * volume's brick or arbiter brick there, nor lie in any mount. Reported at the arbiter brick.
     */
    private void checkArbiterBricksTogether(List<Draft.Volume> volumes, List<String> mounts, List<String> bricks) {
        for (int index = 0; index < volumes.size(); index++) {
            Draft.Volume volume = volumes.get(index);
            Draft.ArbiterBrick arbiterBrick = volume.arbiterBrick();
            if (arbiterBrick == null || arbiterBrick.node() == null || usable(arbiterBrick.path()) == null) {
                continue;
            }
            String node = arbiterBrick.node();
            String path = arbiterBrick.path();
            int self = index;
            Optional<String> problem = first(volumes.size(), other -> {
                if (other == self) {
                    return Optional.empty();
                }
                Draft.Volume otherVolume = volumes.get(other);
                Optional<String> withBrick = otherVolume.nodes() != null && otherVolume.nodes().contains(node)
                        ? overlap(path, bricks.get(other), otherVolume, "brick").map(text -> text + " on " + node)
                        : Optional.empty();
                Draft.ArbiterBrick otherArbiter = otherVolume.arbiterBrick();
                return withBrick.or(() -> otherArbiter != null && other < self && node.equals(otherArbiter.node())
                        ? overlap(path, usable(otherArbiter.path()), otherVolume, "arbiter-brick.path")
                                .map(text -> text + " on " + node)
                        : Optional.empty());
            }).or(() -> first(volumes.size(), other -> overlap(path, mounts.get(other), volumes.get(other), "mount.path")));
            problem.ifPresent(text -> report(volume.key("arbiter-brick.path"), path, text));
        }
    }

    /** The first problem {@code problemWith} finds among indexes {@code 0 .. count - 1}. */
    private static Optional<String> first(int count, IntFunction<Optional<String>> problemWith) {
        for (int index = 0; index < count; index++) {
            Optional<String> problem = problemWith.apply(index);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> sharedNode(Draft.Volume volume, Draft.Volume other) {
        if (other.nodes() == null) {
            return Optional.empty();
        }
        Set<String> otherNodes = new HashSet<>(other.nodes());
        return volume.nodes().stream().filter(otherNodes::contains).findFirst();
    }

    /**
     * How {@code path} collides with {@code other}, the {@code field} of {@code otherVolume};
     * empty when they are apart or {@code other} is unusable.
     */
    private static Optional<String> overlap(String path, String other, Draft.Volume otherVolume, String field) {
        if (other == null) {
            return Optional.empty();
        }
        if (path.equals(other)) {
            return Optional.of("same as " + otherVolume.key(field));
        }
        if (isInside(path, other)) {
            return Optional.of("inside " + otherVolume.key(field) + " (" + other + ")");
        }
        if (isInside(other, path)) {
            return Optional.of("contains " + otherVolume.key(field) + " (" + other + ")");
        }
        return Optional.empty();
    }

    private static boolean isInside(String path, String directory) {
        return path.length() > directory.length() && path.startsWith(directory) && path.charAt(directory.length()) == '/';
    }

    /** Host names ignore case, so {@code node1} and {@code NODE1} are one host listed twice. */
    private void checkNoDuplicateHosts(String listKey, List<String> nodes) {
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String node = nodes.get(i);
            Integer earlier = firstIndex.putIfAbsent(node.toLowerCase(Locale.ROOT), i);
            if (earlier == null) {
                continue;
            }
            String earlierKey = listKey + "[" + earlier + "]";
            String problem = nodes.get(earlier).equals(node)
                    ? "duplicate of " + earlierKey
                    : "same host as " + earlierKey + " (" + nodes.get(earlier) + "): host names ignore case";
            report(listKey + "[" + i + "]", node, problem);
        }
    }

    private static Optional<String> pathProblem(String path) {
        return Validation.absolutePathProblem(path);
    }

    /** The path, or null if other rules rejected it: overlap checks would only echo them. */
    private static String usable(String path) {
        return path != null && pathProblem(path).isEmpty() ? path : null;
    }

    /** A list as the reader shows list values, so both kinds of violation look alike. */
    private static String rendered(List<String> values) {
        return ConfigValueFactory.fromIterable(values).render(ConfigRenderOptions.concise());
    }

    /** The cluster's nodes, looked up by name however many there are. */
    private record ClusterNodes(List<String> inOrder, Set<String> members) {
        ClusterNodes(List<String> inOrder) {
            this(inOrder, new HashSet<>(inOrder));
        }

        boolean contains(String node) {
            return members.contains(node);
        }

        String notOneOfThem() {
            if (inOrder.size() <= NODES_NAMED) {
                return "not one of cluster.nodes (" + String.join(", ", inOrder) + ")";
            }
            return "not one of cluster.nodes (" + String.join(", ", inOrder.subList(0, NODES_NAMED)) + ", ... "
                    + inOrder.size() + " in all)";
        }
    }

    private void report(String key, String value, String problem) {
        violations.add(new Violation(key, value, problem));
    }
}
