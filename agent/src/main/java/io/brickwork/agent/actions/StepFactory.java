package io.brickwork.agent.actions;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.directories.Directories;
import io.brickwork.agent.files.AtomicFileWriter;
import io.brickwork.agent.fstab.Fstab;
import io.brickwork.agent.fstab.FstabEntry;
import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.GlusterdIdentity;
import io.brickwork.agent.gluster.GlusterdStore;
import io.brickwork.agent.glustertls.GlusterTls;
import io.brickwork.agent.hosts.HostEntry;
import io.brickwork.agent.hosts.HostsFile;
import io.brickwork.agent.mount.MountTable;
import io.brickwork.agent.mount.MountUsers;
import io.brickwork.agent.mount.Mounter;
import io.brickwork.agent.mount.Unmounter;
import io.brickwork.agent.ownership.Ownership;
import io.brickwork.agent.packages.Packages;
import io.brickwork.agent.services.Glusterd;
import io.brickwork.agent.services.SystemdManager;
import io.brickwork.agent.steps.AddBricksStep;
import io.brickwork.agent.steps.AppDirectoriesStep;
import io.brickwork.agent.steps.DockerMountOrderStep;
import io.brickwork.agent.steps.BrickDirectoryStep;
import io.brickwork.agent.steps.DetachPeerStep;
import io.brickwork.agent.steps.DirectoryQuotaStep;
import io.brickwork.agent.steps.FstabEntryStep;
import io.brickwork.agent.steps.GlusterdStep;
import io.brickwork.agent.steps.GlusterTlsStep;
import io.brickwork.agent.steps.HostsEntriesStep;
import io.brickwork.agent.steps.LowerReplicaStep;
import io.brickwork.agent.steps.MountedStep;
import io.brickwork.agent.steps.PackagesStep;
import io.brickwork.agent.steps.PeersStep;
import io.brickwork.agent.steps.ReadProbeStep;
import io.brickwork.agent.steps.RebalanceStartStep;
import io.brickwork.agent.steps.RemoveBricksStep;
import io.brickwork.agent.steps.ReleaseMountsStep;
import io.brickwork.agent.steps.RemoveProbeStep;
import io.brickwork.agent.steps.ReplaceBrickStep;
import io.brickwork.agent.steps.ResetBrickStep;
import io.brickwork.agent.steps.RestartGlusterdAfterImportStep;
import io.brickwork.agent.steps.RestoreGlusterdIdentityStep;
import io.brickwork.agent.steps.Step;
import io.brickwork.agent.steps.StepContext;
import io.brickwork.agent.steps.VolumeLayout;
import io.brickwork.agent.steps.VolumeOptionStep;
import io.brickwork.agent.steps.VolumeStartedStep;
import io.brickwork.agent.steps.VolumeStep;
import io.brickwork.agent.steps.VolumeTlsStep;
import io.brickwork.agent.steps.WriteProbeStep;
import io.brickwork.agent.system.LocalNode;
import io.brickwork.agent.system.SystemPaths;
import io.brickwork.agent.xattr.BrickXattrs;
import io.brickwork.common.validation.MountOptions;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.EnsureAppDirectories;
import io.brickwork.proto.agent.v1.EnsureFstabEntry;
import io.brickwork.proto.agent.v1.EnsureMounted;
import io.brickwork.proto.agent.v1.EnsureVolume;
import jakarta.inject.Inject;
import io.brickwork.agent.report.MountProber;
import io.brickwork.agent.steps.ManagementTlsSwitchStep;
import io.brickwork.agent.steps.RemountStep;
import io.brickwork.agent.steps.VolumeStoppedStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Turns a validated request into its step: the one place that maps proto fields to domain values. */
public final class StepFactory {
    /** How long a stat of a mount may take before the remount step counts it as hung. */
    static final Duration REMOUNT_PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final SystemPaths paths;
    private final AtomicFileWriter writer;
    private final GlusterCli cli;
    private final GlusterdStore store;
    private final Packages packages;
    private final Glusterd glusterd;
    private final BrickXattrs xattrs;
    private final LocalNode localNode;
    private final MountTable mountTable;
    private final Mounter mounter;
    private final Ownership ownership;
    private final Directories directories;
    private final SystemdManager systemd;
    private final Unmounter unmounter;
    private final MountUsers mountUsers;
    private final GlusterTls glusterTls;

    @Inject
    public StepFactory(SystemPaths paths, AtomicFileWriter writer, GlusterCli cli, GlusterdStore store, Packages packages,
            Glusterd glusterd, BrickXattrs xattrs, LocalNode localNode, MountTable mountTable, Mounter mounter,
            Ownership ownership, Directories directories, SystemdManager systemd, Unmounter unmounter,
            MountUsers mountUsers, GlusterTls glusterTls) {
        this.paths = requireNonNull(paths, "paths is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.store = requireNonNull(store, "store is null");
        this.packages = requireNonNull(packages, "packages is null");
        this.glusterd = requireNonNull(glusterd, "glusterd is null");
        this.xattrs = requireNonNull(xattrs, "xattrs is null");
        this.localNode = requireNonNull(localNode, "localNode is null");
        this.mountTable = requireNonNull(mountTable, "mountTable is null");
        this.mounter = requireNonNull(mounter, "mounter is null");
        this.ownership = requireNonNull(ownership, "ownership is null");
        this.directories = requireNonNull(directories, "directories is null");
        this.systemd = requireNonNull(systemd, "systemd is null");
        this.unmounter = requireNonNull(unmounter, "unmounter is null");
        this.mountUsers = requireNonNull(mountUsers, "mountUsers is null");
        this.glusterTls = requireNonNull(glusterTls, "glusterTls is null");
    }

    /** Every action but DescribeNode and DescribeVolume, which are queries rather than steps. */
    public Step create(ActionRequest request, StepContext context) {
        return switch (request.getActionCase()) {
            case HOSTS -> new HostsEntriesStep(paths.hosts(), request.getHosts().getEntriesList().stream()
                    .map(entry -> new HostEntry(entry.getName(), entry.getAddress())).toList(),
                    request.getHosts().getRemoveNamesList(), new HostsFile(), writer);
            case PACKAGES -> new PackagesStep(request.getPackages().getPackagesList(), packages, context);
            case GLUSTERD -> new GlusterdStep(glusterd, cli, context);
            case BRICK_DIRECTORY -> new BrickDirectoryStep(Path.of(request.getBrickDirectory().getPath()),
                    request.getBrickDirectory().getVolume(), directories, xattrs, cli, store, localNode, context);
            case PEERS -> new PeersStep(request.getPeers().getHostsList(), cli, localNode, context);
            case VOLUME -> new VolumeStep(layout(request.getVolume()), cli, context);
            case VOLUME_OPTION -> new VolumeOptionStep(request.getVolumeOption().getVolume(),
                    request.getVolumeOption().getKey(), request.getVolumeOption().getValue(), cli, context,
                    request.getMode());
            case VOLUME_STARTED -> new VolumeStartedStep(request.getVolumeStarted().getName(), cli, context);
            case FSTAB_ENTRY -> new FstabEntryStep(paths.fstab(), fstabEntry(request.getFstabEntry()), new Fstab(),
                    writer);
            case MOUNTED -> mounted(request.getMounted(), context);
            case WRITE_PROBE -> new WriteProbeStep(Path.of(request.getWriteProbe().getMountPoint()),
                    request.getWriteProbe().getFileName(), request.getWriteProbe().getContent().toByteArray(),
                    mountTable);
            case READ_PROBE -> new ReadProbeStep(Path.of(request.getReadProbe().getMountPoint()),
                    request.getReadProbe().getFileName(), request.getReadProbe().getContent().toByteArray(),
                    mountTable, context);
            case REMOVE_PROBE -> new RemoveProbeStep(Path.of(request.getRemoveProbe().getMountPoint()),
                    request.getRemoveProbe().getFileName(), mountTable);
            case APP_DIRECTORIES -> appDirectories(request.getAppDirectories(), context);
            case DOCKER_MOUNT_ORDER -> new DockerMountOrderStep(dockerDropIn(),
                    request.getDockerMountOrder().getMountPointsList().stream().map(Path::of).toList(), writer, systemd,
                    context);
            case REPLACE_BRICK -> new ReplaceBrickStep(request.getReplaceBrick().getVolume(),
                    brick(request.getReplaceBrick().getOldBrick()), brick(request.getReplaceBrick().getNewBrick()), cli,
                    context);
            case ADD_BRICKS -> new AddBricksStep(request.getAddBricks().getVolume(), request.getAddBricks().getReplica(),
                    request.getAddBricks().getArbiterCount(),
                    request.getAddBricks().getExistingList().stream().map(StepFactory::brick).toList(),
                    request.getAddBricks().getBricksList().stream().map(StepFactory::brick).toList(),
                    request.getAddBricks().getForce(), request.getAddBricks().getRaiseReplica(), cli, context);
            case START_REBALANCE -> new RebalanceStartStep(request.getStartRebalance().getVolume(),
                    request.getStartRebalance().getFixLayout(), cli, context);
            case REMOVE_BRICKS -> request.getRemoveBricks().getReplica() > 0
                    ? new LowerReplicaStep(request.getRemoveBricks().getVolume(), request.getRemoveBricks().getReplica(),
                            request.getRemoveBricks().getBricksList().stream().map(StepFactory::brick).toList(), cli,
                            context)
                    : new RemoveBricksStep(request.getRemoveBricks().getVolume(),
                            request.getRemoveBricks().getBricksList().stream().map(StepFactory::brick).toList(),
                            request.getRemoveBricks().getCommit() ? RemoveBricksStep.Phase.COMMIT
                                    : RemoveBricksStep.Phase.START, cli, context);
            case DETACH_PEER -> new DetachPeerStep(request.getDetachPeer().getHost(), cli, localNode, context);
            case RESET_BRICK -> new ResetBrickStep(request.getResetBrick().getVolume(),
                    brick(request.getResetBrick().getBrick()), Path.of(request.getResetBrick().getBrick().getPath()),
                    directories, xattrs, cli, context);
            case RESTORE_GLUSTERD_IDENTITY -> new RestoreGlusterdIdentityStep(
                    request.getRestoreGlusterdIdentity().getUuid(),
                    request.getRestoreGlusterdIdentity().getPeersList().stream()
                            .map(peer -> new GlusterdIdentity.Peer(peer.getUuid(), peer.getHostname())).toList(),
                    request.getRestoreGlusterdIdentity().getVolumesList(),
                    new GlusterdIdentity(store.workdir(), writer), glusterd, cli, context);
            case RESTART_GLUSTERD_AFTER_IMPORT -> new RestartGlusterdAfterImportStep(
                    request.getRestartGlusterdAfterImport().getVolumesList(),
                    new GlusterdIdentity(store.workdir(), writer), glusterd, cli, context);
            case RELEASE_MOUNTS -> new ReleaseMountsStep(request.getReleaseMounts().getMountsList().stream()
                    .map(mount -> new ReleaseMountsStep.Released(mount.getSource(), Path.of(mount.getMountPoint())))
                    .toList(), request.getReleaseMounts().getForce(), paths.fstab(), dockerDropIn(), mountTable,
                    mountUsers, unmounter, writer, systemd, context);
            case DIRECTORY_QUOTA -> new DirectoryQuotaStep(request.getDirectoryQuota().getVolume(),
                    request.getDirectoryQuota().getPath(), request.getDirectoryQuota().getLimitBytes(), cli, context,
                    request.getMode());
            case GLUSTER_TLS -> new GlusterTlsStep(glusterTls, store.workdir(),
                    new GlusterdIdentity(store.workdir(), writer), glusterd, cli, context);
            case VOLUME_TLS -> new VolumeTlsStep(request.getVolumeTls().getVolume(),
                    request.getVolumeTls().getAllowedNamesList(), glusterTls.files(), cli, context, request.getMode(),
                    !request.getVolumeTls().getOff());
            case SWITCH_MANAGEMENT_TLS -> new ManagementTlsSwitchStep(request.getSwitchManagementTls().getOn(),
                    glusterTls, store.workdir(), glusterd, cli, context);
            case VOLUME_STOPPED -> new VolumeStoppedStep(request.getVolumeStopped().getName(), cli, context);
            case REMOUNT -> new RemountStep(request.getRemount().getSource(),
                    Path.of(request.getRemount().getMountPoint()), mountTable,
                    new MountProber(ownership::of, REMOUNT_PROBE_TIMEOUT, context.ticker()), unmounter, mounter,
                    context);
            case DESCRIBE, DESCRIBE_VOLUME, ACTION_NOT_SET -> throw new IllegalArgumentException(
                    "no step for " + request.getActionCase());
        };
    }

    private Step appDirectories(EnsureAppDirectories request, StepContext context) {
        List<AppDirectoriesStep.Wanted> wanted = request.getDirectoriesList().stream()
                .map(directory -> new AppDirectoriesStep.Wanted(directory.getPath(), directory.getOwner(),
                        directory.getGroup(), directory.getMode()))
                .toList();
        return new AppDirectoriesStep(request.getSource(), Path.of(request.getMountPoint()), wanted,
                request.getVerifyOnly(), mountTable, directories, ownership, context);
    }

    /**
     * In the /etc that holds the hosts file: /etc/systemd/system/... on a node, and inside the
     * test directory when tests point the system files there.
     */
    private Path dockerDropIn() {
        return paths.hosts().resolveSibling(Path.of("/etc").relativize(DockerMountOrderStep.DROP_IN).toString());
    }

    private static VolumeLayout layout(EnsureVolume volume) {
        return new VolumeLayout(volume.getName(), volume.getReplica(), volume.getBricksList().stream()
                .map(brick -> brick.getHost() + ":" + brick.getPath()).toList(), volume.getForce(),
                volume.getArbiterCount());
    }

    private static String brick(io.brickwork.proto.agent.v1.Brick brick) {
        return brick.getHost() + ":" + brick.getPath();
    }

    /** nosuid,nodev are added whatever the request says: the volume never brings setuid root or devices. */
    private static FstabEntry fstabEntry(EnsureFstabEntry entry) {
        return new FstabEntry(entry.getSource(), entry.getMountPoint(), entry.getFsType(),
                MountOptions.hardened(entry.getOptions()), 0, 0);
    }

    private Step mounted(EnsureMounted mounted, StepContext context) {
        return new MountedStep(mounted.getSource(), Path.of(mounted.getMountPoint()), mounted.getOwner(),
                mounted.getGroup(), mountTable, mounter, ownership, directories, context);
    }
}
