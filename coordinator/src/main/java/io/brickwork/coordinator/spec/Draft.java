package io.brickwork.coordinator.spec;

import io.brickwork.common.validation.DirectoryRules;
import io.brickwork.coordinator.layout.ZonePlacement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a spec document says, between {@link SpecReader} and {@link SpecRules}. A field is null
 * where the document has no usable value: the key was missing or of the wrong type, which the
 * reader has already reported. Defaults for absent optional keys are already filled in, so the
 * rules see what would be applied.
 */
final class Draft {
    private Draft() {}

    /**
     * @param manager as written; null when absent (then the first node)
     * @param hosts as written, in document order; never null
     * @param zones as written, in document order; never null
     * @param allowSharedZones null when unusable
     * @param tls null when unusable
     */
    record Cluster(String name, String manager, List<String> nodes, Map<String, String> hosts, List<Volume> volumes,
            Map<String, String> zones, Boolean allowSharedZones, Boolean tls) {
        /** Only for a draft the rules found nothing wrong with: every field is then present. */
        ClusterSpec toSpec() {
            Map<String, String> hostsInNodeOrder = new LinkedHashMap<>();
            for (String node : nodes) {
                if (hosts.containsKey(node)) {
                    hostsInNodeOrder.put(node, hosts.get(node));
                }
            }
            Map<String, String> zonesInNodeOrder = new LinkedHashMap<>();
            for (String node : nodes) {
                if (zones.containsKey(node)) {
                    zonesInNodeOrder.put(node, zones.get(node));
                }
            }
            List<VolumeSpec> specs = volumes.stream().map(volume -> volume.toSpec(zonesInNodeOrder, tls)).toList();
            return new ClusterSpec(name, manager == null ? nodes.get(0) : manager, nodes, hostsInNodeOrder, specs,
                    zonesInNodeOrder, allowSharedZones, tls);
        }
    }

    /**
     * @param index the volume's position in {@code volumes}, which names its keys
     * @param nodesExplicit whether the document lists the volume's nodes; when it does not,
     *     {@code nodes} are the cluster's and have been checked there
     * @param authAllow as written; null when absent (then the coordinator's default)
     * @param arbiterBrick null when absent; its fields null where unusable
     * @param tls null when absent (then the cluster's) or unusable
     */
    record Volume(int index, String name, Integer replica, List<String> nodes, boolean nodesExplicit,
            String brick, Boolean force, List<String> authAllow, Mount mount, Boolean arbiter,
            List<Directory> directories, ArbiterBrick arbiterBrick, Boolean tls) {
        String key(String field) {
            return "volumes[" + index + "]." + field;
        }

        /** With zones, the nodes in an order whose replica sets span distinct zones where they can. */
        VolumeSpec toSpec(Map<String, String> zones, boolean clusterTls) {
            List<String> ordered = zones.isEmpty() || arbiterBrick != null ? nodes : ZonePlacement.order(nodes, replica, zones);
            return new VolumeSpec(name, replica, ordered, brick, force, Optional.ofNullable(authAllow), mount.toSpec(),
                    arbiter, directories.stream().map(Directory::toSpec).toList(),
                    Optional.ofNullable(arbiterBrick).map(ArbiterBrick::toSpec), tls == null ? clusterTls : tls);
        }
    }

    record ArbiterBrick(String node, String path) {
        ArbiterBrickSpec toSpec() {
            return new ArbiterBrickSpec(node, path);
        }
    }

    /** @param options null when absent (then ours) */
    record Mount(String path, String owner, String group, String options) {
        MountSpec toSpec() {
            return new MountSpec(path, owner, group, options);
        }
    }

    /**
     * One of {@code volumes[].directories}; a field is null where the document has no usable
     * value, defaults already filled in.
     *
     * @param key how violations name it, {@code volumes[0].directories[1]}
     */
    record Directory(String key, String path, String owner, String group, String mode, String quota) {
        DirectorySpec toSpec() {
            // Stored as four digits, so "750" and "0750" are one spec; a quota as bytes.
            return new DirectorySpec(path, owner, group, DirectoryRules.canonicalMode(DirectoryRules.modeBits(mode)),
                    quota == null ? OptionalLong.empty() : OptionalLong.of(DirectoryRules.quotaBytes(quota).orElseThrow()));
        }
    }
}
