package io.brickwork.agent.actions;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.validation.DirectoryRules;
import io.brickwork.common.validation.MountOptions;
import io.brickwork.common.validation.Validation;
import io.brickwork.proto.agent.v1.AppDirectory;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.Brick;
import io.brickwork.proto.agent.v1.EnsureAppDirectories;
import io.brickwork.proto.agent.v1.EnsureDockerMountOrder;
import io.brickwork.proto.agent.v1.EnsureFstabEntry;
import io.brickwork.proto.agent.v1.EnsureHostsEntries;
import io.brickwork.proto.agent.v1.EnsureMounted;
import io.brickwork.proto.agent.v1.EnsurePackages;
import io.brickwork.proto.agent.v1.EnsurePeers;
import io.brickwork.proto.agent.v1.EnsureVolume;
import io.brickwork.proto.agent.v1.EnsureDirectoryQuota;
import io.brickwork.proto.agent.v1.EnsureVolumeOption;
import io.brickwork.proto.agent.v1.EnsureVolumeTls;
import io.brickwork.proto.agent.v1.HostEntry;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.GlusterdPeer;
import io.brickwork.proto.agent.v1.ReplaceBrick;
import io.brickwork.proto.agent.v1.AddBricks;
import io.brickwork.proto.agent.v1.RemoveBricks;
import io.brickwork.proto.agent.v1.ReleaseMounts;
import io.brickwork.proto.agent.v1.RestartGlusterdAfterImport;
import io.brickwork.proto.agent.v1.RestoreGlusterdIdentity;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every field of a request before anything runs. The coordinator validated the spec
 * already; the agent is root and checks again, against its own configured roots and allowed
 * packages. All problems are reported, not just the first.
 */
public final class ActionValidator {
    /** Probes are a few bytes; anything big is a mistake or abuse. */
    static final int MAX_PROBE_BYTES = 64 * 1024;
    /** Options whose values the agent knows how to check; any other key could weaken the volume. */
    static final Set<String> MANAGED_OPTIONS = Set.of("auth.allow");

    private final PathRoots brickRoots;
    private final PathRoots mountRoots;
    private final List<String> allowedPackages;

    @Inject
    public ActionValidator(ActionSettings settings) {
        requireNonNull(settings, "settings is null");
        this.brickRoots = new PathRoots(settings.brickRoots());
        this.mountRoots = new PathRoots(settings.mountRoots());
        this.allowedPackages = settings.allowedPackages();
    }

    /** Every problem with the request; empty when it may run. */
    public List<Problem> problems(ActionRequest request) {
        Problems problems = new Problems();
        envelope(request, problems);
        switch (request.getActionCase()) {
            case HOSTS -> {
                hosts(request.getHosts(), problems);
                removedHosts(request.getHosts(), problems);
            }
            case PACKAGES -> packages(request.getPackages(), problems);
            case GLUSTERD -> { }
            case BRICK_DIRECTORY -> {
                localPath("brick_directory.path", request.getBrickDirectory().getPath(), brickRoots, problems);
                problems.check("brick_directory.volume", request.getBrickDirectory().getVolume(),
                        Validation.nameProblem(request.getBrickDirectory().getVolume()));
            }
            case PEERS -> peers(request.getPeers(), problems);
            case VOLUME -> volume(request.getVolume(), problems);
            case VOLUME_OPTION -> volumeOption(request.getVolumeOption(), problems);
            case VOLUME_STARTED -> problems.check("volume_started.name", request.getVolumeStarted().getName(),
                    Validation.nameProblem(request.getVolumeStarted().getName()));
            case FSTAB_ENTRY -> fstab(request.getFstabEntry(), problems);
            case MOUNTED -> mounted(request.getMounted(), problems);
            case WRITE_PROBE -> probe("write_probe", request.getWriteProbe().getMountPoint(),
                    request.getWriteProbe().getFileName(), request.getWriteProbe().getContent().size(), problems);
            case READ_PROBE -> probe("read_probe", request.getReadProbe().getMountPoint(),
                    request.getReadProbe().getFileName(), request.getReadProbe().getContent().size(), problems);
            case REMOVE_PROBE -> probe("remove_probe", request.getRemoveProbe().getMountPoint(),
                    request.getRemoveProbe().getFileName(), 0, problems);
            case DESCRIBE -> {
                List<String> mountPoints = request.getDescribe().getMountPointsList();
                if (problems.count("describe.mount_points", mountPoints.size(), true)) {
                    for (int i = 0; i < mountPoints.size(); i++) {
                        localPath("describe.mount_points[" + i + "]", mountPoints.get(i), mountRoots, problems);
                    }
                }
            }
            case APP_DIRECTORIES -> appDirectories(request.getAppDirectories(), problems);
            case DOCKER_MOUNT_ORDER -> dockerMountOrder(request.getDockerMountOrder(), problems);
            case REPLACE_BRICK -> replaceBrick(request.getReplaceBrick(), problems);
            case ADD_BRICKS -> addBricks(request.getAddBricks(), problems);
            case REMOVE_BRICKS -> removeBricks(request.getRemoveBricks(), problems);
            case START_REBALANCE -> problems.check("start_rebalance.volume", request.getStartRebalance().getVolume(),
                    Validation.nameProblem(request.getStartRebalance().getVolume()));
            case DETACH_PEER -> problems.check("detach_peer.host", request.getDetachPeer().getHost(),
                    FieldRules.hostOrAddress(request.getDetachPeer().getHost()));
            case DIRECTORY_QUOTA -> directoryQuota(request.getDirectoryQuota(), problems);
            case DESCRIBE_VOLUME -> problems.check("describe_volume.name", request.getDescribeVolume().getName(),
                    Validation.nameProblem(request.getDescribeVolume().getName()));
            case RESET_BRICK -> {
                problems.check("reset_brick.volume", request.getResetBrick().getVolume(),
                        Validation.nameProblem(request.getResetBrick().getVolume()));
                problems.check("reset_brick.brick.host", request.getResetBrick().getBrick().getHost(),
                        FieldRules.hostOrAddress(request.getResetBrick().getBrick().getHost()));
                // The brick is on this node: its path is walked here, so it must be inside a root for real.
                localPath("reset_brick.brick.path", request.getResetBrick().getBrick().getPath(), brickRoots, problems);
            }
            case RESTORE_GLUSTERD_IDENTITY -> restoreIdentity(request.getRestoreGlusterdIdentity(), problems);
            case RESTART_GLUSTERD_AFTER_IMPORT -> restartAfterImport(request.getRestartGlusterdAfterImport(), problems);
            case RELEASE_MOUNTS -> releaseMounts(request.getReleaseMounts(), problems);
            case GLUSTER_TLS -> { }
            case VOLUME_TLS -> volumeTls(request.getVolumeTls(), problems);
            case SWITCH_MANAGEMENT_TLS -> { }
            case VOLUME_STOPPED -> problems.check("volume_stopped.name", request.getVolumeStopped().getName(),
                    Validation.nameProblem(request.getVolumeStopped().getName()));
            case REMOUNT -> {
                source("remount.source", request.getRemount().getSource(), problems);
                localPath("remount.mount_point", request.getRemount().getMountPoint(), mountRoots, problems);
            }
            case ACTION_NOT_SET -> problems.add("action", "the request names no action");
        }
        return problems.list();
    }

    private static void envelope(ActionRequest request, Problems problems) {
        problems.check("id", request.getId(), FieldRules.id(request.getId()));
        problems.check("requested_by", request.getRequestedBy(), FieldRules.requestedBy(request.getRequestedBy()));
        if (request.getMode() != Mode.MODE_CHECK && request.getMode() != Mode.MODE_APPLY) {
            String shown = request.getMode() == Mode.UNRECOGNIZED ? Integer.toString(request.getModeValue())
                    : request.getMode().name();
            problems.add("mode", "value '" + shown + "' must be MODE_CHECK or MODE_APPLY");
        }
    }

    private static void hosts(EnsureHostsEntries hosts, Problems problems) {
        if (!problems.count("hosts.entries", hosts.getEntriesCount(), false)) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < hosts.getEntriesCount(); i++) {
            HostEntry entry = hosts.getEntries(i);
            problems.check("hosts.entries[" + i + "].name", entry.getName(), Validation.nodeNameProblem(entry.getName()));
            problems.check("hosts.entries[" + i + "].address", entry.getAddress(),
                    FieldRules.address(entry.getAddress()));
            if (!names.add(entry.getName().toLowerCase(Locale.ROOT))) {
                problems.check("hosts.entries[" + i + "].name", entry.getName(),
                        Optional.of("appears more than once; a name maps to one address"));
            }
        }
    }

    private void packages(EnsurePackages packages, Problems problems) {
        if (!problems.count("packages.packages", packages.getPackagesCount(), false)) {
            return;
        }
        for (int i = 0; i < packages.getPackagesCount(); i++) {
            String name = packages.getPackages(i);
            String field = "packages.packages[" + i + "]";
            if (problems.check(field, name, Validation.debianPackageProblem(name)) && !allowedPackages.contains(name)) {
                problems.deny(field, name, Optional.of("is not in allowed-packages " + allowedPackages));
            }
        }
    }

    private static void peers(EnsurePeers peers, Problems problems) {
        if (!problems.count("peers.hosts", peers.getHostsCount(), false)) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < peers.getHostsCount(); i++) {
            String host = peers.getHosts(i);
            problems.check("peers.hosts[" + i + "]", host, FieldRules.hostOrAddress(host));
            if (!seen.add(host.toLowerCase(Locale.ROOT))) {
                problems.check("peers.hosts[" + i + "]", host, Optional.of("appears more than once"));
            }
        }
    }

    /** Brick paths are checked as text only: most of them are on other nodes, which check their own. */
    private void volume(EnsureVolume volume, Problems problems) {
        problems.check("volume.name", volume.getName(), Validation.nameProblem(volume.getName()));
        if (!problems.count("volume.bricks", volume.getBricksCount(), false)) {
            return;
        }
        // uint32 in the proto: a value above 2^31 reads as negative here.
        if (volume.getReplica() < 1) {
            problems.add("volume.replica", "value " + Integer.toUnsignedString(volume.getReplica())
                    + " must be at least 1");
        } else if (volume.getBricksCount() % volume.getReplica() != 0) {
            problems.add("volume.bricks", volume.getBricksCount() + " bricks are not a multiple of replica "
                    + volume.getReplica());
        }
        if (volume.getArbiterCount() != 0 && (volume.getArbiterCount() != 1 || volume.getReplica() != 3)) {
            problems.add("volume.arbiter_count", "value " + Integer.toUnsignedString(volume.getArbiterCount())
                    + " must be 0, or 1 with replica 3");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < volume.getBricksCount(); i++) {
            Brick brick = volume.getBricks(i);
            String field = "volume.bricks[" + i + "]";
            problems.check(field + ".host", brick.getHost(), FieldRules.hostOrAddress(brick.getHost()));
            if (problems.check(field + ".path", brick.getPath(), FieldRules.path(brick.getPath()))) {
                problems.deny(field + ".path", brick.getPath(), brickRoots.lexicalProblem(Path.of(brick.getPath())));
            }
            if (!seen.add(brick.getHost() + ":" + brick.getPath())) {
                problems.check(field, brick.getHost() + ":" + brick.getPath(), Optional.of("appears more than once"));
            }
        }
    }

    private static void directoryQuota(EnsureDirectoryQuota quota, Problems problems) {
        problems.check("directory_quota.volume", quota.getVolume(), Validation.nameProblem(quota.getVolume()));
        problems.check("directory_quota.path", quota.getPath(), DirectoryRules.relativePathProblem(quota.getPath()));
        // uint64 in the proto: a value above 2^63 reads as negative here, and is refused as too small.
        DirectoryRules.quotaProblem(quota.getLimitBytes()).ifPresent(problem -> problems.add(
                "directory_quota.limit_bytes", "value " + Long.toUnsignedString(quota.getLimitBytes()) + " " + problem));
    }

    private static void volumeOption(EnsureVolumeOption option, Problems problems) {
        problems.check("volume_option.volume", option.getVolume(), Validation.nameProblem(option.getVolume()));
        String key = option.getKey();
        if (problems.check("volume_option.key", key, FieldRules.optionKey(key)) && !MANAGED_OPTIONS.contains(key)) {
            problems.deny("volume_option.key", key, Optional.of("is not an option the agent manages "
                    + MANAGED_OPTIONS));
        }
        problems.check("volume_option.value", option.getValue(), key.equals("auth.allow")
                ? FieldRules.authAllow(option.getValue()) : FieldRules.optionValue(option.getValue()));
    }

    private void fstab(EnsureFstabEntry entry, Problems problems) {
        source("fstab_entry.source", entry.getSource(), problems);
        localPath("fstab_entry.mount_point", entry.getMountPoint(), mountRoots, problems);
        if (!entry.getFsType().equals("glusterfs")) {
            problems.check("fstab_entry.fs_type", entry.getFsType(), Optional.of("must be glusterfs"));
        }
        if (problems.check("fstab_entry.options", entry.getOptions(), FieldRules.mountOptions(entry.getOptions()))) {
            // The coordinator checked the spec against the same allowlist; a root process checks again.
            for (String problem : MountOptions.problems(entry.getOptions(),
                    host -> FieldRules.hostOrAddress(host).isEmpty())) {
                problems.deny("fstab_entry.options", entry.getOptions(), Optional.of(problem));
            }
        }
    }

    private void mounted(EnsureMounted mounted, Problems problems) {
        source("mounted.source", mounted.getSource(), problems);
        localPath("mounted.mount_point", mounted.getMountPoint(), mountRoots, problems);
        problems.check("mounted.owner", mounted.getOwner(), Validation.accountProblem(mounted.getOwner()));
        problems.check("mounted.group", mounted.getGroup(), Validation.accountProblem(mounted.getGroup()));
    }

    private void appDirectories(EnsureAppDirectories request, Problems problems) {
        source("app_directories.source", request.getSource(), problems);
        localPath("app_directories.mount_point", request.getMountPoint(), mountRoots, problems);
        if (!problems.count("app_directories.directories", request.getDirectoriesCount(), false)) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.getDirectoriesCount(); i++) {
            AppDirectory directory = request.getDirectories(i);
            String field = "app_directories.directories[" + i + "]";
            if (problems.check(field + ".path", directory.getPath(), DirectoryRules.relativePathProblem(directory.getPath()))
                    && !seen.add(directory.getPath())) {
                problems.check(field + ".path", directory.getPath(), Optional.of("appears more than once"));
            }
            problems.check(field + ".owner", directory.getOwner(), Validation.accountProblem(directory.getOwner()));
            problems.check(field + ".group", directory.getGroup(), Validation.accountProblem(directory.getGroup()));
            // uint32 in the proto: a value above 2^31 reads as negative here.
            if (directory.getMode() < 0 || directory.getMode() > DirectoryRules.MAX_MODE) {
                problems.add(field + ".mode", "value " + Integer.toUnsignedString(directory.getMode(), 8)
                        + " (octal) is above 07777");
            }
        }
    }

    private void dockerMountOrder(EnsureDockerMountOrder request, Problems problems) {
        if (!problems.count("docker_mount_order.mount_points", request.getMountPointsCount(), false)) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.getMountPointsCount(); i++) {
            String mountPoint = request.getMountPoints(i);
            String field = "docker_mount_order.mount_points[" + i + "]";
            localPath(field, mountPoint, mountRoots, problems);
            if (!seen.add(mountPoint)) {
                problems.check(field, mountPoint, Optional.of("appears more than once"));
            }
        }
    }

    private void releaseMounts(ReleaseMounts request, Problems problems) {
        if (!problems.count("release_mounts.mounts", request.getMountsCount(), false)) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.getMountsCount(); i++) {
            String field = "release_mounts.mounts[" + i + "]";
            source(field + ".source", request.getMounts(i).getSource(), problems);
            localPath(field + ".mount_point", request.getMounts(i).getMountPoint(), mountRoots, problems);
            if (!seen.add(request.getMounts(i).getMountPoint())) {
                problems.check(field + ".mount_point", request.getMounts(i).getMountPoint(),
                        Optional.of("appears more than once"));
            }
        }
    }

    private void probe(String action, String mountPoint, String fileName, int contentSize, Problems problems) {
        localPath(action + ".mount_point", mountPoint, mountRoots, problems);
        problems.check(action + ".file_name", fileName, Validation.fileNameProblem(fileName));
        if (contentSize > MAX_PROBE_BYTES) {
            problems.add(action + ".content", contentSize + " bytes is more than " + MAX_PROBE_BYTES);
        }
    }

    // ---- Replacing a node: hosts leaving, replace-brick, peer detach (issue 14) ----

    /** A name may leave /etc/hosts only when it is not also asked for. */
    private static void removedHosts(EnsureHostsEntries hosts, Problems problems) {
        Set<String> wanted = new HashSet<>();
        hosts.getEntriesList().forEach(entry -> wanted.add(entry.getName().toLowerCase(Locale.ROOT)));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < hosts.getRemoveNamesCount(); i++) {
            String name = hosts.getRemoveNames(i);
            String field = "hosts.remove_names[" + i + "]";
            problems.check(field, name, Validation.nodeNameProblem(name));
            if (wanted.contains(name.toLowerCase(Locale.ROOT))) {
                problems.check(field, name, Optional.of("is also in entries; a name either stays or leaves"));
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                problems.check(field, name, Optional.of("appears more than once"));
            }
        }
    }

    /** Brick paths are checked as text only, as for a volume: the bricks are on other nodes. */
    private void replaceBrick(ReplaceBrick replace, Problems problems) {
        problems.check("replace_brick.volume", replace.getVolume(), Validation.nameProblem(replace.getVolume()));
        replacedBrick("replace_brick.old_brick", replace.getOldBrick(), problems);
        replacedBrick("replace_brick.new_brick", replace.getNewBrick(), problems);
        if (replace.getOldBrick().equals(replace.getNewBrick())) {
            problems.check("replace_brick.new_brick", replace.getNewBrick().getHost() + ":"
                    + replace.getNewBrick().getPath(), Optional.of("is the old brick; nothing would be replaced"));
        }
    }

    private void replacedBrick(String field, Brick brick, Problems problems) {
        problems.check(field + ".host", brick.getHost(), FieldRules.hostOrAddress(brick.getHost()));
        if (problems.check(field + ".path", brick.getPath(), FieldRules.path(brick.getPath()))) {
            problems.deny(field + ".path", brick.getPath(), brickRoots.lexicalProblem(Path.of(brick.getPath())));
        }
    }

    /** Node names: gluster matches them against certificate CNs and takes the list comma-separated. */
    private static void volumeTls(EnsureVolumeTls tls, Problems problems) {
        problems.check("volume_tls.volume", tls.getVolume(), Validation.nameProblem(tls.getVolume()));
        if (problems.count("volume_tls.allowed_names", tls.getAllowedNamesCount(), false)) {
            for (int i = 0; i < tls.getAllowedNamesCount(); i++) {
                problems.check("volume_tls.allowed_names[" + i + "]", tls.getAllowedNames(i),
                        Validation.hostnameProblem(tls.getAllowedNames(i)));
            }
        }
    }

    private static void restartAfterImport(RestartGlusterdAfterImport restart, Problems problems) {
        if (problems.count("restart_glusterd_after_import.volumes", restart.getVolumesCount(), false)) {
            for (int i = 0; i < restart.getVolumesCount(); i++) {
                problems.check("restart_glusterd_after_import.volumes[" + i + "]", restart.getVolumes(i),
                        Validation.nameProblem(restart.getVolumes(i)));
            }
        }
    }

    private static void restoreIdentity(RestoreGlusterdIdentity restore, Problems problems) {
        problems.check("restore_glusterd_identity.uuid", restore.getUuid(), FieldRules.glusterdUuid(restore.getUuid()));
        if (!problems.count("restore_glusterd_identity.peers", restore.getPeersCount(), false)) {
            return;
        }
        Set<String> uuids = new HashSet<>(Set.of(restore.getUuid()));
        for (int i = 0; i < restore.getPeersCount(); i++) {
            GlusterdPeer peer = restore.getPeers(i);
            String field = "restore_glusterd_identity.peers[" + i + "]";
            if (problems.check(field + ".uuid", peer.getUuid(), FieldRules.glusterdUuid(peer.getUuid()))
                    && !uuids.add(peer.getUuid())) {
                problems.check(field + ".uuid", peer.getUuid(),
                        Optional.of("appears more than once (or is the node's own UUID)"));
            }
            problems.check(field + ".hostname", peer.getHostname(), FieldRules.hostOrAddress(peer.getHostname()));
        }
        if (problems.count("restore_glusterd_identity.volumes", restore.getVolumesCount(), true)) {
            for (int i = 0; i < restore.getVolumesCount(); i++) {
                problems.check("restore_glusterd_identity.volumes[" + i + "]", restore.getVolumes(i),
                        Validation.nameProblem(restore.getVolumes(i)));
            }
        }
    }

    // ---- end of replacing a node ----

    /** Checked as text, as for a volume: the bricks are on other nodes. */
    private void removeBricks(RemoveBricks remove, Problems problems) {
        problems.check("remove_bricks.volume", remove.getVolume(), Validation.nameProblem(remove.getVolume()));
        // uint32: a value above 2^31 reads as negative here.
        if (remove.getReplica() < 0) {
            problems.add("remove_bricks.replica", "value " + Integer.toUnsignedString(remove.getReplica())
                    + " is not a replica count");
        }
        if (!problems.count("remove_bricks.bricks", remove.getBricksCount(), false)) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < remove.getBricksCount(); i++) {
            Brick brick = remove.getBricks(i);
            replacedBrick("remove_bricks.bricks[" + i + "]", brick, problems);
            if (!seen.add(brick.getHost() + ":" + brick.getPath())) {
                problems.check("remove_bricks.bricks[" + i + "]", brick.getHost() + ":" + brick.getPath(),
                        Optional.of("appears more than once"));
            }
        }
    }

    /** Whole new replica sets, each brick checked as for a volume; none may already be in the volume. */
    private void addBricks(AddBricks add, Problems problems) {
        problems.check("add_bricks.volume", add.getVolume(), Validation.nameProblem(add.getVolume()));
        if (!problems.count("add_bricks.bricks", add.getBricksCount(), false)) {
            return;
        }
        if (add.getReplica() < 1) {
            problems.add("add_bricks.replica", "value " + Integer.toUnsignedString(add.getReplica())
                    + " must be at least 1");
        } else if (add.getRaiseReplica()) {
            if (add.getReplica() < 2 || add.getExistingCount() != add.getBricksCount() * (add.getReplica() - 1)) {
                problems.add("add_bricks.bricks", add.getBricksCount() + " bricks are not one for each replica set of "
                        + add.getExistingCount() + " bricks going to replica " + add.getReplica());
            }
        } else if (add.getBricksCount() % add.getReplica() != 0) {
            problems.add("add_bricks.bricks", add.getBricksCount() + " bricks are not whole replica sets of "
                    + add.getReplica());
        }
        if (add.getArbiterCount() != 0 && (add.getArbiterCount() != 1 || add.getReplica() != 3)) {
            problems.add("add_bricks.arbiter_count", "value " + Integer.toUnsignedString(add.getArbiterCount())
                    + " must be 0, or 1 with replica 3");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < add.getExistingCount(); i++) {
            replacedBrick("add_bricks.existing[" + i + "]", add.getExisting(i), problems);
            seen.add(add.getExisting(i).getHost() + ":" + add.getExisting(i).getPath());
        }
        for (int i = 0; i < add.getBricksCount(); i++) {
            Brick brick = add.getBricks(i);
            replacedBrick("add_bricks.bricks[" + i + "]", brick, problems);
            if (!seen.add(brick.getHost() + ":" + brick.getPath())) {
                problems.check("add_bricks.bricks[" + i + "]", brick.getHost() + ":" + brick.getPath(),
                        Optional.of("appears more than once"));
            }
        }
    }

    /** A path on this node: well-formed, inside a root as written, and still inside once links are resolved. */
    private static void localPath(String field, String value, PathRoots roots, Problems problems) {
        if (!problems.check(field, value, FieldRules.path(value))) {
            return;
        }
        Path path = Path.of(value);
        Optional<String> outside = roots.lexicalProblem(path);
        problems.deny(field, value, outside.isPresent() ? outside : roots.realProblem(path));
    }

    private static void source(String field, String source, Problems problems) {
        Optional<GlusterSource> parsed = GlusterSource.parse(source);
        if (parsed.isEmpty()) {
            problems.check(field, source, Optional.of("must be host:/volume"));
            return;
        }
        Optional<String> hostProblem = FieldRules.hostOrAddress(parsed.get().host());
        Optional<String> volumeProblem = Validation.nameProblem(parsed.get().volume());
        hostProblem.ifPresent(problem -> problems.check(field, source, Optional.of("host " + problem)));
        volumeProblem.ifPresent(problem -> problems.check(field, source, Optional.of("volume " + problem)));
    }
}
