package io.brickwork.coordinator.spec;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * A directory an application keeps on the volume ({@code volumes[].directories}), created once
 * on the mounted volume so that every node sees it, like the seed's {@code staging_couch_db}.
 *
 * @param path relative to the volume's mount, normalized, without {@code ..}
 * @param owner a user name or numeric uid (containers often run as an id the host has no name for)
 * @param group a group name or numeric gid
 * @param mode octal, four digits ({@code "0750"})
 * @param quotaBytes a gluster directory quota (hard limit) on it, set by the manager after it is made
 */
public record DirectorySpec(String path, String owner, String group, String mode, OptionalLong quotaBytes) {
    public static final String DEFAULT_OWNER = "root";
    public static final String DEFAULT_GROUP = "root";
    public static final String DEFAULT_MODE = "0755";

    public DirectorySpec {
        requireNonNull(path, "path is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(group, "group is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(quotaBytes, "quotaBytes is null");
    }

    /** Without a quota. */
    public DirectorySpec(String path, String owner, String group, String mode) {
        this(path, owner, group, mode, OptionalLong.empty());
    }

    /** Where the directory is on a node, under {@code mountPath}. */
    public String onMount(String mountPath) {
        return mountPath + "/" + path;
    }
}
