package io.brickwork.agent.audit;

import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.AppDirectory;
import io.brickwork.proto.agent.v1.Brick;
import io.brickwork.proto.agent.v1.HostEntry;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * An action's arguments as the JSON object protobuf's JsonFormat would print (proto field names,
 * fields in number order, defaults left out), written field by field. JsonFormat needs the
 * protobuf descriptors, and building them on an agent's first action cost ~170 ms of CPU and
 * ~7 MiB of resident memory for the rest of its life. {@code ActionArgumentsTest} holds every
 * action type, fully populated, to JsonFormat's output, so a field added to the proto and not
 * here fails the build.
 */
final class ActionArguments {
    private ActionArguments() {}

    /** The action's proto field name ("volume_option"); null when the request names none. */
    static String name(ActionRequest request) {
        return request.getActionCase() == ActionRequest.ActionCase.ACTION_NOT_SET ? null
                : request.getActionCase().name().toLowerCase(Locale.ROOT);
    }

    /** The arguments with probe content left out (the caller adds its size and digest); "null" when there is no action. */
    static String json(ActionRequest request) {
        return switch (request.getActionCase()) {
            case HOSTS -> new Fields().messages("entries", request.getHosts().getEntriesList(), ActionArguments::host)
                    .strings("remove_names", request.getHosts().getRemoveNamesList()).json();
            case PACKAGES -> new Fields().strings("packages", request.getPackages().getPackagesList()).json();
            case GLUSTERD -> new Fields().json();
            case BRICK_DIRECTORY -> new Fields().string("path", request.getBrickDirectory().getPath())
                    .string("volume", request.getBrickDirectory().getVolume()).json();
            case PEERS -> new Fields().strings("hosts", request.getPeers().getHostsList()).json();
            case VOLUME -> new Fields().string("name", request.getVolume().getName())
                    .number("replica", request.getVolume().getReplica())
                    .messages("bricks", request.getVolume().getBricksList(), ActionArguments::brick)
                    .bool("force", request.getVolume().getForce())
                    .number("arbiter_count", request.getVolume().getArbiterCount()).json();
            case VOLUME_STARTED -> new Fields().string("name", request.getVolumeStarted().getName()).json();
            case FSTAB_ENTRY -> new Fields().string("source", request.getFstabEntry().getSource())
                    .string("mount_point", request.getFstabEntry().getMountPoint())
                    .string("fs_type", request.getFstabEntry().getFsType())
                    .string("options", request.getFstabEntry().getOptions()).json();
            case MOUNTED -> new Fields().string("source", request.getMounted().getSource())
                    .string("mount_point", request.getMounted().getMountPoint())
                    .string("owner", request.getMounted().getOwner())
                    .string("group", request.getMounted().getGroup()).json();
            case WRITE_PROBE -> new Fields().string("mount_point", request.getWriteProbe().getMountPoint())
                    .string("file_name", request.getWriteProbe().getFileName()).json();
            case READ_PROBE -> new Fields().string("mount_point", request.getReadProbe().getMountPoint())
                    .string("file_name", request.getReadProbe().getFileName()).json();
            case REMOVE_PROBE -> new Fields().string("mount_point", request.getRemoveProbe().getMountPoint())
                    .string("file_name", request.getRemoveProbe().getFileName()).json();
            case DESCRIBE -> new Fields().strings("mount_points", request.getDescribe().getMountPointsList()).json();
            case VOLUME_OPTION -> new Fields().string("volume", request.getVolumeOption().getVolume())
                    .string("key", request.getVolumeOption().getKey())
                    .string("value", request.getVolumeOption().getValue()).json();
            case APP_DIRECTORIES -> new Fields().string("source", request.getAppDirectories().getSource())
                    .string("mount_point", request.getAppDirectories().getMountPoint())
                    .messages("directories", request.getAppDirectories().getDirectoriesList(),
                            ActionArguments::directory)
                    .bool("verify_only", request.getAppDirectories().getVerifyOnly()).json();
            case DOCKER_MOUNT_ORDER -> new Fields()
                    .strings("mount_points", request.getDockerMountOrder().getMountPointsList()).json();
            case REPLACE_BRICK -> new Fields().string("volume", request.getReplaceBrick().getVolume())
                    .brick("old_brick", request.getReplaceBrick().hasOldBrick(), request.getReplaceBrick().getOldBrick())
                    .brick("new_brick", request.getReplaceBrick().hasNewBrick(), request.getReplaceBrick().getNewBrick())
                    .json();
            case ADD_BRICKS -> new Fields().string("volume", request.getAddBricks().getVolume())
                    .number("replica", request.getAddBricks().getReplica())
                    .number("arbiter_count", request.getAddBricks().getArbiterCount())
                    .messages("existing", request.getAddBricks().getExistingList(), ActionArguments::brick)
                    .messages("bricks", request.getAddBricks().getBricksList(), ActionArguments::brick)
                    .bool("force", request.getAddBricks().getForce())
                    .bool("raise_replica", request.getAddBricks().getRaiseReplica()).json();
            case REMOVE_BRICKS -> new Fields().string("volume", request.getRemoveBricks().getVolume())
                    .messages("bricks", request.getRemoveBricks().getBricksList(), ActionArguments::brick)
                    .bool("commit", request.getRemoveBricks().getCommit())
                    .number("replica", request.getRemoveBricks().getReplica()).json();
            case START_REBALANCE -> new Fields().string("volume", request.getStartRebalance().getVolume())
                    .bool("fix_layout", request.getStartRebalance().getFixLayout()).json();
            case DETACH_PEER -> new Fields().string("host", request.getDetachPeer().getHost()).json();
            case DESCRIBE_VOLUME -> new Fields().string("name", request.getDescribeVolume().getName())
                    .bool("heal_counts", request.getDescribeVolume().getHealCounts())
                    .bool("rebalance", request.getDescribeVolume().getRebalance())
                    .messages("removing", request.getDescribeVolume().getRemovingList(), ActionArguments::brick)
                    .bool("brick_states", request.getDescribeVolume().getBrickStates())
                    .bool("progress_only", request.getDescribeVolume().getProgressOnly()).json();
            case RESET_BRICK -> new Fields().string("volume", request.getResetBrick().getVolume())
                    .brick("brick", request.getResetBrick().hasBrick(), request.getResetBrick().getBrick()).json();
            case RESTORE_GLUSTERD_IDENTITY -> new Fields().string("uuid", request.getRestoreGlusterdIdentity().getUuid())
                    .messages("peers", request.getRestoreGlusterdIdentity().getPeersList(),
                            peer -> new Fields().string("uuid", peer.getUuid()).string("hostname", peer.getHostname())
                                    .json())
                    .strings("volumes", request.getRestoreGlusterdIdentity().getVolumesList()).json();
            case RESTART_GLUSTERD_AFTER_IMPORT -> new Fields()
                    .strings("volumes", request.getRestartGlusterdAfterImport().getVolumesList()).json();
            case RELEASE_MOUNTS -> new Fields()
                    .messages("mounts", request.getReleaseMounts().getMountsList(), mount -> new Fields()
                            .string("source", mount.getSource()).string("mount_point", mount.getMountPoint()).json())
                    .bool("force", request.getReleaseMounts().getForce()).json();
            case DIRECTORY_QUOTA -> new Fields().string("volume", request.getDirectoryQuota().getVolume())
                    .string("path", request.getDirectoryQuota().getPath())
                    .bigNumber("limit_bytes", request.getDirectoryQuota().getLimitBytes()).json();
            case GLUSTER_TLS -> new Fields().json();
            case VOLUME_TLS -> new Fields().string("volume", request.getVolumeTls().getVolume())
                    .strings("allowed_names", request.getVolumeTls().getAllowedNamesList())
                    .bool("off", request.getVolumeTls().getOff()).json();
            case SWITCH_MANAGEMENT_TLS -> new Fields().bool("on", request.getSwitchManagementTls().getOn()).json();
            case VOLUME_STOPPED -> new Fields().string("name", request.getVolumeStopped().getName()).json();
            case REMOUNT -> new Fields().string("source", request.getRemount().getSource())
                    .string("mount_point", request.getRemount().getMountPoint()).json();
            case ACTION_NOT_SET -> "null";
        };
    }

    private static String host(HostEntry entry) {
        return new Fields().string("name", entry.getName()).string("address", entry.getAddress()).json();
    }

    private static String brick(Brick brick) {
        return new Fields().string("host", brick.getHost()).string("path", brick.getPath()).json();
    }

    private static String directory(AppDirectory directory) {
        return new Fields().string("path", directory.getPath()).string("owner", directory.getOwner())
                .string("group", directory.getGroup()).number("mode", directory.getMode()).json();
    }

    /** One JSON object; like proto3's JSON, a field holding its default value is left out. */
    private static final class Fields {
        private final StringBuilder out = new StringBuilder("{");

        Fields string(String name, String value) {
            return value.isEmpty() ? this : field(name, JsonText.string(value));
        }

        /** uint32: JsonFormat prints the unsigned value. */
        Fields number(String name, int value) {
            return value == 0 ? this : field(name, Integer.toUnsignedString(value));
        }

        /** uint64: JsonFormat prints the unsigned value as a string. */
        Fields bigNumber(String name, long value) {
            return value == 0 ? this : field(name, JsonText.string(Long.toUnsignedString(value)));
        }

        Fields bool(String name, boolean value) {
            return value ? field(name, "true") : this;
        }

        Fields strings(String name, List<String> values) {
            return messages(name, values, JsonText::string);
        }

        <T> Fields messages(String name, List<T> values, Function<T, String> json) {
            if (values.isEmpty()) {
                return this;
            }
            StringBuilder array = new StringBuilder("[");
            for (T value : values) {
                array.append(array.length() > 1 ? "," : "").append(json.apply(value));
            }
            return field(name, array.append(']').toString());
        }

        /** A message field; unset (the default instance) is left out, as JsonFormat leaves it out. */
        Fields brick(String name, boolean set, Brick value) {
            return set ? field(name, ActionArguments.brick(value)) : this;
        }

        private Fields field(String name, String json) {
            out.append(out.length() > 1 ? "," : "").append(JsonText.string(name)).append(':').append(json);
            return this;
        }

        String json() {
            return out + "}";
        }
    }
}
