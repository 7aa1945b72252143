package io.brickwork.coordinator.spec;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigUtil;
import io.brickwork.common.validation.Validation;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    private final List<Violation> violations;

    SpecRules(List<Violation> violations) {
        this.violations = requireNonNull(violations, "violations is null");
    }

    void check(Draft.Cluster cluster) {
        checkCluster(cluster);
        if (cluster.volumes() == null) {
            return;
        }
        for (Draft.Volume volume : cluster.volumes()) {
            checkVolume(volume, cluster.nodes());
        }
        checkVolumesTogether(cluster.volumes());
    }

    private void checkCluster(Draft.Cluster cluster) {
        if (cluster.name() != null) {
            Validation.name(cluster.name()).ifPresent(problem -> report("cluster.name", cluster.name(), problem));
        }
        List<String> nodes = cluster.nodes();
        if (nodes != null) {
            for (int i = 0; i < nodes.size(); i++) {
                String key = "cluster.nodes[" + i + "]";
                String node = nodes.get(i);
                // A node name is also the host name in every brick, so gluster must resolve it.
                Validation.name(node).or(() -> Validation.hostname(node)).ifPresent(problem -> report(key, node, problem));
            }
            checkNoDuplicateHosts("cluster.nodes", nodes);
            if (cluster.manager() != null && !nodes.contains(cluster.manager())) {
                report("cluster.manager", cluster.manager(), notAClusterNode(nodes));
            }
        }
        Map<String, String> firstKeyByAddress = new HashMap<>();
        cluster.hosts().forEach((node, address) -> {
            String key = "cluster.hosts." + ConfigUtil.joinPath(node);
            if (nodes != null && !nodes.contains(node)) {
                report(key, address, notAClusterNode(nodes));
            }
            Optional<String> problem = Validation.address(address);
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

    private void checkVolume(Draft.Volume volume, List<String> clusterNodes) {
        if (volume.name() != null) {
            Validation.name(volume.name()).ifPresent(problem -> report(volume.key("name"), volume.name(), problem));
        }
        if (volume.nodesExplicit() && volume.nodes() != null) {
            List<String> nodes = volume.nodes();
            for (int i = 0; i < nodes.size(); i++) {
                if (clusterNodes != null && !clusterNodes.contains(nodes.get(i))) {
                    report(volume.key("nodes[" + i + "]"), nodes.get(i), notAClusterNode(clusterNodes));
                }
            }
            checkNoDuplicateHosts(volume.key("nodes"), nodes);
        }
        checkReplica(volume);
        if (volume.brick() != null) {
            checkDataPath(volume.key("brick"), volume.brick());
        }
        Draft.Mount mount = volume.mount();
        if (mount.path() != null) {
            checkDataPath(volume.key("mount.path"), mount.path());
        }
        if (mount.owner() != null) {
            Validation.account(mount.owner()).ifPresent(problem -> report(volume.key("mount.owner"), mount.owner(), problem));
        }
        if (mount.group() != null) {
            Validation.account(mount.group()).ifPresent(problem -> report(volume.key("mount.group"), mount.group(), problem));
        }
        if (mount.options() != null) {
            Validation.mountOptions(mount.options()).ifPresent(problem -> report(volume.key("mount.options"), mount.options(), problem));
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
        if (volume.nodes() == null) {
            return;
        }
        int nodeCount = volume.nodes().size();
        if (replica > nodeCount) {
            report(key, replica.toString(), "larger than the number of nodes (" + nodeCount + ")");
        } else if (nodeCount % replica != 0) {
            report(key, replica.toString(), "does not divide the number of nodes (" + nodeCount
                    + "): gluster needs whole replica sets");
        }
    }

    private void checkDataPath(String key, String path) {
        Optional<String> problem = Validation.absolutePath(path);
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
     * node. Each pair is reported once, at the later key.
     */
    private void checkVolumesTogether(List<Draft.Volume> volumes) {
        for (int later = 0; later < volumes.size(); later++) {
            Draft.Volume volume = volumes.get(later);
            for (int earlier = 0; earlier < later; earlier++) {
                Draft.Volume other = volumes.get(earlier);
                if (volume.name() != null && volume.name().equals(other.name())) {
                    report(volume.key("name"), volume.name(), "duplicate of " + other.key("name"));
                }
                if (usable(volume.mount().path()) && usable(other.mount().path())) {
                    overlap(volume.mount().path(), other.mount().path(), other.key("mount.path"))
                            .ifPresent(problem -> report(volume.key("mount.path"), volume.mount().path(), problem));
                }
                if (usable(volume.brick()) && usable(other.brick()) && volume.nodes() != null && other.nodes() != null) {
                    Optional<String> shared = volume.nodes().stream().filter(other.nodes()::contains).findFirst();
                    if (shared.isPresent()) {
                        overlap(volume.brick(), other.brick(), other.key("brick"))
                                .ifPresent(problem -> report(volume.key("brick"), volume.brick(), problem + " on " + shared.get()));
                    }
                }
            }
            // A brick inside a glusterfs mount would store the volume inside a volume.
            for (Draft.Volume mounted : volumes) {
                if (usable(volume.brick()) && usable(mounted.mount().path())) {
                    overlap(volume.brick(), mounted.mount().path(), mounted.key("mount.path"))
                            .ifPresent(problem -> report(volume.key("brick"), volume.brick(), problem));
                }
            }
        }
    }

    /** How {@code path} collides with {@code other}, named by {@code otherKey}; empty when apart. */
    private static Optional<String> overlap(String path, String other, String otherKey) {
        if (path.equals(other)) {
            return Optional.of("same as " + otherKey);
        }
        if (path.startsWith(other + "/")) {
            return Optional.of("inside " + otherKey + " (" + other + ")");
        }
        if (other.startsWith(path + "/")) {
            return Optional.of("contains " + otherKey + " (" + other + ")");
        }
        return Optional.empty();
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

    private static String notAClusterNode(List<String> clusterNodes) {
        return "not one of cluster.nodes (" + String.join(", ", clusterNodes) + ")";
    }

    /** Paths other rules rejected are left out of the overlap checks, which would only echo them. */
    private static boolean usable(String path) {
        return path != null && Validation.absolutePath(path).isEmpty();
    }

    private void report(String key, String value, String problem) {
        violations.add(new Violation(key, value, problem));
    }
}
