package io.brickwork.coordinator.spec;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.validation.MountOptions;
import java.util.List;

/**
 * Where a volume is mounted on the nodes (glusterfs client mount from localhost) and who owns
 * the mount point. {@code options} is null when the spec leaves the fstab options to us; when
 * given, only {@link MountOptions}' allowlist passes the spec's rules.
 */
public record MountSpec(String path, String owner, String group, String options) {
    public static final String DEFAULT_PATH = "/mnt";
    public static final String DEFAULT_OWNER = "root";
    /** Docker's group, so containers bind-mounting the volume can read and write it. */
    public static final String DEFAULT_GROUP = "docker";

    public MountSpec {
        requireNonNull(path, "path is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(group, "group is null");
    }

    public static MountSpec defaults() {
        return new MountSpec(DEFAULT_PATH, DEFAULT_OWNER, DEFAULT_GROUP, null);
    }

    /**
     * The fstab options for this mount on one node: the spec's own, or ours; either way with
     * {@code nosuid,nodev} ({@link MountOptions#ALWAYS}). Ours wait for the network and for
     * glusterd at boot (a glusterfs mount from localhost fails before glusterd is up), and name
     * the other nodes as volfile servers so the mount survives a down peer.
     *
     * @param otherNodes the volume's nodes other than the one mounting, in node order
     */
    public String effectiveOptions(List<String> otherNodes) {
        requireNonNull(otherNodes, "otherNodes is null");
        if (options != null) {
            return MountOptions.hardened(options);
        }
        String defaults = "defaults,_netdev,nosuid,nodev,x-systemd.requires=glusterd.service";
        if (otherNodes.isEmpty()) {
            return defaults;
        }
        return defaults + ",backup-volfile-servers=" + String.join(":", otherNodes);
    }
}
