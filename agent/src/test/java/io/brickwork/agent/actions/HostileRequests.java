package io.brickwork.agent.actions;

import com.google.protobuf.ByteString;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionRequest.ActionCase;
import io.brickwork.proto.agent.v1.AddBricks;
import io.brickwork.proto.agent.v1.AppDirectory;
import io.brickwork.proto.agent.v1.Brick;
import io.brickwork.proto.agent.v1.EnsureAppDirectories;
import io.brickwork.proto.agent.v1.EnsureDockerMountOrder;
import io.brickwork.proto.agent.v1.DescribeNode;
import io.brickwork.proto.agent.v1.DescribeVolume;
import io.brickwork.proto.agent.v1.DetachPeer;
import io.brickwork.proto.agent.v1.EnsureDirectoryQuota;
import io.brickwork.proto.agent.v1.GlusterdPeer;
import io.brickwork.proto.agent.v1.ReplaceBrick;
import io.brickwork.proto.agent.v1.ResetBrick;
import io.brickwork.proto.agent.v1.ReleaseMounts;
import io.brickwork.proto.agent.v1.ReleasedMount;
import io.brickwork.proto.agent.v1.RestartGlusterdAfterImport;
import io.brickwork.proto.agent.v1.RestoreGlusterdIdentity;
import io.brickwork.proto.agent.v1.EnsureBrickDirectory;
import io.brickwork.proto.agent.v1.EnsureFstabEntry;
import io.brickwork.proto.agent.v1.EnsureGlusterTls;
import io.brickwork.proto.agent.v1.EnsureGlusterd;
import io.brickwork.proto.agent.v1.EnsureVolumeTls;
import io.brickwork.proto.agent.v1.EnsureVolumeStopped;
import io.brickwork.proto.agent.v1.Remount;
import io.brickwork.proto.agent.v1.SwitchManagementTls;
import io.brickwork.proto.agent.v1.EnsureHostsEntries;
import io.brickwork.proto.agent.v1.EnsureMounted;
import io.brickwork.proto.agent.v1.EnsurePackages;
import io.brickwork.proto.agent.v1.EnsurePeers;
import io.brickwork.proto.agent.v1.EnsureVolume;
import io.brickwork.proto.agent.v1.EnsureVolumeOption;
import io.brickwork.proto.agent.v1.EnsureVolumeStarted;
import io.brickwork.proto.agent.v1.HostEntry;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.ReadProbe;
import io.brickwork.proto.agent.v1.RemoveBricks;
import io.brickwork.proto.agent.v1.RemoveProbe;
import io.brickwork.proto.agent.v1.StartRebalance;
import io.brickwork.proto.agent.v1.WriteProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Requests of every action kind with valid fields, and hostile variants of them: one field
 * made hostile (what catches a single missed check) or all of them.
 */
final class HostileRequests {
    /** One field that can be made hostile, and the field name the refusal must then mention. */
    private static final String NODE1_UUID = "44fab626-78df-46ed-b920-061c3aab0f43";
    private static final String NODE2_UUID = "dfd4e860-ea55-401a-a10b-1fb5c18741b1";

    record Slot(String field, Consumer<ActionRequest.Builder> makeHostile) {}

    /** A request and the field names it was made hostile in (empty for a valid one). */
    record Generated(ActionRequest request, List<String> hostileFields) {}

    private final HostileValues hostile;
    private final Random random;
    private final String brick;
    private final String mnt;
    private final List<String> outsideRoots;
    private final List<String> outsideRootsOnThisNode;
    private int counter;

    /**
     * @param escape a symbolic link inside the mount root that leads outside it
     */
    HostileRequests(Random random, Path dir, Path escape) {
        this.random = random;
        this.hostile = new HostileValues(random);
        this.brick = dir.resolve("gluster/brick").toString();
        this.mnt = dir.resolve("mnt").toString();
        this.outsideRoots = List.of("/etc", "/root/.ssh", "/proc/self/root", "/var/lib/glusterd", "/mnt", "/gluster",
                dir + "/glusterfoo", dir + "/mnt-other", dir.toString(), dir + "/etc/cron.d");
        List<String> local = new ArrayList<>(outsideRoots);
        local.add(escape.toString());
        local.add(escape.resolve("sub").toString());
        this.outsideRootsOnThisNode = List.copyOf(local);
    }

    /** A request every field of which is valid. */
    ActionRequest valid(ActionCase kind) {
        return base(kind).build();
    }

    Generated oneFieldHostile(ActionCase kind) {
        ActionRequest.Builder request = base(kind);
        List<Slot> slots = slots(kind);
        Slot slot = slots.get(random.nextInt(slots.size()));
        slot.makeHostile().accept(request);
        return new Generated(request.build(), List.of(slot.field()));
    }

    Generated allFieldsHostile(ActionCase kind) {
        ActionRequest.Builder request = base(kind);
        List<String> fields = new ArrayList<>();
        for (Slot slot : slots(kind)) {
            slot.makeHostile().accept(request);
            fields.add(slot.field());
        }
        return new Generated(request.build(), fields);
    }

    private ActionRequest.Builder base(ActionCase kind) {
        ActionRequest.Builder request = ActionRequest.newBuilder()
                .setId("fuzz-" + ++counter)
                .setMode(random.nextBoolean() ? Mode.MODE_APPLY : Mode.MODE_CHECK)
                .setRequestedBy("unix:uid=0")
                .setTimeoutMs(hostile.between(0, 60_000));
        switch (kind) {
            case HOSTS -> request.setHosts(EnsureHostsEntries.newBuilder()
                    .addEntries(HostEntry.newBuilder().setName("node1").setAddress("10.214.0.11"))
                    .addEntries(HostEntry.newBuilder().setName("node2").setAddress("2001:db8::2")));
            case PACKAGES -> request.setPackages(EnsurePackages.newBuilder().addPackages("glusterfs-server")
                    .addPackages("attr"));
            case GLUSTERD -> request.setGlusterd(EnsureGlusterd.getDefaultInstance());
            case BRICK_DIRECTORY -> request.setBrickDirectory(EnsureBrickDirectory.newBuilder().setPath(brick)
                    .setVolume("gfs"));
            case PEERS -> request.setPeers(EnsurePeers.newBuilder().addHosts("node2").addHosts("10.214.0.13"));
            case VOLUME -> request.setVolume(EnsureVolume.newBuilder().setName("gfs").setReplica(2)
                    .addBricks(Brick.newBuilder().setHost("node1").setPath(brick))
                    .addBricks(Brick.newBuilder().setHost("node2").setPath(brick)));
            case VOLUME_OPTION -> request.setVolumeOption(EnsureVolumeOption.newBuilder().setVolume("gfs")
                    .setKey("auth.allow").setValue("10.0.0.*,node1"));
            case VOLUME_STARTED -> request.setVolumeStarted(EnsureVolumeStarted.newBuilder().setName("gfs"));
            case FSTAB_ENTRY -> request.setFstabEntry(EnsureFstabEntry.newBuilder().setSource("localhost:/gfs")
                    .setMountPoint(mnt).setFsType("glusterfs").setOptions("defaults,_netdev"));
            case MOUNTED -> request.setMounted(EnsureMounted.newBuilder().setSource("localhost:/gfs")
                    .setMountPoint(mnt).setOwner("root").setGroup("docker"));
            case WRITE_PROBE -> request.setWriteProbe(WriteProbe.newBuilder().setMountPoint(mnt)
                    .setFileName(".brickwork-probe").setContent(ByteString.copyFromUtf8("probe")));
            case READ_PROBE -> request.setReadProbe(ReadProbe.newBuilder().setMountPoint(mnt)
                    .setFileName(".brickwork-probe").setContent(ByteString.copyFromUtf8("probe")));
            case REMOVE_PROBE -> request.setRemoveProbe(RemoveProbe.newBuilder().setMountPoint(mnt)
                    .setFileName(".brickwork-probe"));
            case DESCRIBE -> request.setDescribe(DescribeNode.newBuilder().addMountPoints(mnt));
            case APP_DIRECTORIES -> request.setAppDirectories(EnsureAppDirectories.newBuilder()
                    .setSource("localhost:/gfs").setMountPoint(mnt)
                    .addDirectories(AppDirectory.newBuilder().setPath("apps/couch").setOwner("5984").setGroup("5984")
                            .setMode(0750)));
            case DOCKER_MOUNT_ORDER -> request.setDockerMountOrder(EnsureDockerMountOrder.newBuilder().addMountPoints(mnt));
            case REPLACE_BRICK -> request.setReplaceBrick(ReplaceBrick.newBuilder().setVolume("gfs")
                    .setOldBrick(Brick.newBuilder().setHost("node3").setPath(brick))
                    .setNewBrick(Brick.newBuilder().setHost("node7").setPath(brick)));
            case DETACH_PEER -> request.setDetachPeer(DetachPeer.newBuilder().setHost("node3"));
            case DESCRIBE_VOLUME -> request.setDescribeVolume(DescribeVolume.newBuilder().setName("gfs").setHealCounts(true));
            case ADD_BRICKS -> request.setAddBricks(AddBricks.newBuilder().setVolume("gfs").setReplica(2)
                    .addExisting(Brick.newBuilder().setHost("node1").setPath(brick))
                    .addExisting(Brick.newBuilder().setHost("node2").setPath(brick))
                    .addBricks(Brick.newBuilder().setHost("node3").setPath(brick))
                    .addBricks(Brick.newBuilder().setHost("node4").setPath(brick)));
            case START_REBALANCE -> request.setStartRebalance(StartRebalance.newBuilder().setVolume("gfs"));
            case REMOVE_BRICKS -> request.setRemoveBricks(RemoveBricks.newBuilder().setVolume("gfs")
                    .addBricks(Brick.newBuilder().setHost("node3").setPath(brick))
                    .addBricks(Brick.newBuilder().setHost("node4").setPath(brick)));
            case RESET_BRICK -> request.setResetBrick(ResetBrick.newBuilder().setVolume("gfs")
                    .setBrick(Brick.newBuilder().setHost("node2").setPath(brick)));
            case RESTORE_GLUSTERD_IDENTITY -> request.setRestoreGlusterdIdentity(RestoreGlusterdIdentity.newBuilder()
                    .setUuid(NODE2_UUID)
                    .addPeers(GlusterdPeer.newBuilder().setUuid(NODE1_UUID).setHostname("node1")));
            case RESTART_GLUSTERD_AFTER_IMPORT -> request.setRestartGlusterdAfterImport(
                    RestartGlusterdAfterImport.newBuilder().addVolumes("gfs"));
            case RELEASE_MOUNTS -> request.setReleaseMounts(ReleaseMounts.newBuilder()
                    .addMounts(ReleasedMount.newBuilder().setSource("localhost:/gfs").setMountPoint(mnt)));
            case DIRECTORY_QUOTA -> request.setDirectoryQuota(EnsureDirectoryQuota.newBuilder().setVolume("gfs")
                    .setPath("couchdb").setLimitBytes(10L << 30));
            case GLUSTER_TLS -> request.setGlusterTls(EnsureGlusterTls.getDefaultInstance());
            case VOLUME_TLS -> request.setVolumeTls(EnsureVolumeTls.newBuilder().setVolume("gfs")
                    .addAllowedNames("node1").addAllowedNames("node2"));
            case SWITCH_MANAGEMENT_TLS -> request.setSwitchManagementTls(SwitchManagementTls.newBuilder().setOn(true));
            case VOLUME_STOPPED -> request.setVolumeStopped(EnsureVolumeStopped.newBuilder().setName("gfs"));
            case REMOUNT -> request.setRemount(Remount.newBuilder().setSource("localhost:/gfs").setMountPoint(mnt));
            case ACTION_NOT_SET -> { }
        }
        return request;
    }

    private List<Slot> slots(ActionCase kind) {
        List<Slot> slots = new ArrayList<>(List.of(
                new Slot("id", r -> r.setId(hostile.id(r.getId()))),
                new Slot("mode", r -> r.setModeValue(hostile.mode())),
                new Slot("requested_by", r -> r.setRequestedBy(hostile.requestedBy(r.getRequestedBy())))));
        slots.addAll(switch (kind) {
            case HOSTS -> hosts();
            case PACKAGES -> List.of(new Slot("packages.packages", this::packages));
            case GLUSTERD -> List.<Slot>of();
            case BRICK_DIRECTORY -> List.of(
                    new Slot("brick_directory.path", r -> r.getBrickDirectoryBuilder().setPath(localPath(brick))),
                    new Slot("brick_directory.volume", r -> r.getBrickDirectoryBuilder().setVolume(hostile.name("gfs"))));
            case PEERS -> List.of(new Slot("peers.hosts", this::peers));
            case VOLUME -> volume();
            case VOLUME_OPTION -> volumeOption();
            case VOLUME_STARTED -> List.of(new Slot("volume_started.name",
                    r -> r.getVolumeStartedBuilder().setName(hostile.name("gfs"))));
            case FSTAB_ENTRY -> List.of(
                    new Slot("fstab_entry.source", r -> r.getFstabEntryBuilder().setSource(source())),
                    new Slot("fstab_entry.mount_point", r -> r.getFstabEntryBuilder().setMountPoint(localPath(mnt))),
                    new Slot("fstab_entry.fs_type", r -> r.getFstabEntryBuilder().setFsType(hostile.pick(List.of(
                            "nfs", "ext4", "glusterfs ", "GLUSTERFS", "glusterfs\n", "", "fuse.glusterfs", "none")))),
                    new Slot("fstab_entry.options", r -> r.getFstabEntryBuilder().setOptions(
                            hostile.corrupt("defaults,_netdev", 1024))));
            case MOUNTED -> List.of(
                    new Slot("mounted.source", r -> r.getMountedBuilder().setSource(source())),
                    new Slot("mounted.mount_point", r -> r.getMountedBuilder().setMountPoint(localPath(mnt))),
                    new Slot("mounted.owner", r -> r.getMountedBuilder().setOwner(hostile.account("root"))),
                    new Slot("mounted.group", r -> r.getMountedBuilder().setGroup(hostile.account("docker"))));
            case WRITE_PROBE -> List.of(
                    new Slot("write_probe.mount_point", r -> r.getWriteProbeBuilder().setMountPoint(localPath(mnt))),
                    new Slot("write_probe.file_name", r -> r.getWriteProbeBuilder().setFileName(
                            hostile.fileName(".brickwork-probe"))),
                    new Slot("write_probe.content", r -> r.getWriteProbeBuilder().setContent(oversized())));
            case READ_PROBE -> List.of(
                    new Slot("read_probe.mount_point", r -> r.getReadProbeBuilder().setMountPoint(localPath(mnt))),
                    new Slot("read_probe.file_name", r -> r.getReadProbeBuilder().setFileName(
                            hostile.fileName(".brickwork-probe"))),
                    new Slot("read_probe.content", r -> r.getReadProbeBuilder().setContent(oversized())));
            case REMOVE_PROBE -> List.of(
                    new Slot("remove_probe.mount_point", r -> r.getRemoveProbeBuilder().setMountPoint(localPath(mnt))),
                    new Slot("remove_probe.file_name", r -> r.getRemoveProbeBuilder().setFileName(
                            hostile.fileName(".brickwork-probe"))));
            case DESCRIBE -> List.of(new Slot("describe.mount_points", this::describe));
            case APP_DIRECTORIES -> List.of(
                    new Slot("app_directories.source", r -> r.getAppDirectoriesBuilder().setSource(source())),
                    new Slot("app_directories.mount_point", r -> r.getAppDirectoriesBuilder()
                            .setMountPoint(localPath(mnt))),
                    new Slot("app_directories.directories[0].path", r -> r.getAppDirectoriesBuilder()
                            .getDirectoriesBuilder(0).setPath(hostile.pick(List.of("..", "../etc", "/etc", "apps/../..",
                                    "apps//couch", "apps/", "./apps", "", "apps/\n", "a b", "apps/\u00e4", "apps\u0000")))),
                    new Slot("app_directories.directories[0].owner", r -> r.getAppDirectoriesBuilder()
                            .getDirectoriesBuilder(0).setOwner(hostile.account("5984"))),
                    new Slot("app_directories.directories[0].group", r -> r.getAppDirectoriesBuilder()
                            .getDirectoriesBuilder(0).setGroup(hostile.account("5984"))),
                    new Slot("app_directories.directories[0].mode", r -> r.getAppDirectoriesBuilder()
                            .getDirectoriesBuilder(0).setMode(hostile.pick(List.of(010000, 0177777, -1, 0x7fffffff)))));
            case DOCKER_MOUNT_ORDER -> List.of(new Slot("docker_mount_order.mount_points",
                    r -> r.getDockerMountOrderBuilder().setMountPoints(0, localPath(mnt))));
            case REPLACE_BRICK -> List.of(
                    new Slot("replace_brick.volume", r -> r.getReplaceBrickBuilder().setVolume(hostile.name("gfs"))),
                    new Slot("replace_brick.old_brick.host", r -> r.getReplaceBrickBuilder().getOldBrickBuilder()
                            .setHost(hostile.host("node3"))),
                    new Slot("replace_brick.new_brick.path", r -> r.getReplaceBrickBuilder().getNewBrickBuilder()
                            .setPath(localPath(brick))));
            case DETACH_PEER -> List.of(new Slot("detach_peer.host",
                    r -> r.getDetachPeerBuilder().setHost(hostile.host("node3"))));
            case DESCRIBE_VOLUME -> List.of(new Slot("describe_volume.name",
                    r -> r.getDescribeVolumeBuilder().setName(hostile.name("gfs"))));
            case ADD_BRICKS -> List.of(
                    new Slot("add_bricks.volume", r -> r.getAddBricksBuilder().setVolume(hostile.name("gfs"))),
                    new Slot("add_bricks.bricks[0].host", r -> r.getAddBricksBuilder().getBricksBuilder(0)
                            .setHost(hostile.host("node3"))),
                    new Slot("add_bricks.bricks[1].path", r -> r.getAddBricksBuilder().getBricksBuilder(1)
                            .setPath(localPath(brick))));
            case REMOVE_BRICKS -> List.of(
                    new Slot("remove_bricks.volume", r -> r.getRemoveBricksBuilder().setVolume(hostile.name("gfs"))),
                    new Slot("remove_bricks.bricks[0].host", r -> r.getRemoveBricksBuilder().getBricksBuilder(0)
                            .setHost(hostile.host("node3"))),
                    new Slot("remove_bricks.bricks[1].path", r -> r.getRemoveBricksBuilder().getBricksBuilder(1)
                            .setPath(localPath(brick))));
            case START_REBALANCE -> List.of(new Slot("start_rebalance.volume",
                    r -> r.getStartRebalanceBuilder().setVolume(hostile.name("gfs"))));
            case RESET_BRICK -> List.of(
                    new Slot("reset_brick.volume", r -> r.getResetBrickBuilder().setVolume(hostile.name("gfs"))),
                    new Slot("reset_brick.brick.host", r -> r.getResetBrickBuilder().getBrickBuilder()
                            .setHost(hostile.host("node2"))),
                    new Slot("reset_brick.brick.path", r -> r.getResetBrickBuilder().getBrickBuilder()
                            .setPath(localPath(brick))));
            case RESTORE_GLUSTERD_IDENTITY -> List.of(
                    new Slot("restore_glusterd_identity.uuid", r -> r.getRestoreGlusterdIdentityBuilder()
                            .setUuid(hostile.name(NODE2_UUID))),
                    new Slot("restore_glusterd_identity.peers[0].uuid", r -> r.getRestoreGlusterdIdentityBuilder()
                            .getPeersBuilder(0).setUuid(hostile.name(NODE1_UUID))),
                    new Slot("restore_glusterd_identity.peers[0].hostname", r -> r.getRestoreGlusterdIdentityBuilder()
                            .getPeersBuilder(0).setHostname(hostile.host("node1"))));
            case RESTART_GLUSTERD_AFTER_IMPORT -> List.of(new Slot("restart_glusterd_after_import.volumes[0]",
                    r -> r.getRestartGlusterdAfterImportBuilder().setVolumes(0, hostile.name("gfs"))));
            case RELEASE_MOUNTS -> List.of(
                    new Slot("release_mounts.mounts[0].source", r -> r.getReleaseMountsBuilder().getMountsBuilder(0)
                            .setSource(source())),
                    new Slot("release_mounts.mounts[0].mount_point", r -> r.getReleaseMountsBuilder()
                            .getMountsBuilder(0).setMountPoint(localPath(mnt))));
            case DIRECTORY_QUOTA -> List.of(
                    new Slot("directory_quota.volume", r -> r.getDirectoryQuotaBuilder().setVolume(hostile.name("gfs"))),
                    new Slot("directory_quota.path", r -> r.getDirectoryQuotaBuilder().setPath(hostile.pick(List.of(
                            "..", "../etc", "/etc", "a//b", "a/", "./a", "", "a\n", "a b", "a\u0000", "a;rm -rf /")))),
                    new Slot("directory_quota.limit_bytes", r -> r.getDirectoryQuotaBuilder().setLimitBytes(
                            hostile.pick(List.of(0L, 1L, 1048575L, (1L << 50) + 1, -1L, Long.MIN_VALUE)))));
            case GLUSTER_TLS -> List.<Slot>of();
            case VOLUME_TLS -> List.of(
                    new Slot("volume_tls.volume", r -> r.getVolumeTlsBuilder().setVolume(hostile.name("gfs"))),
                    new Slot("volume_tls.allowed_names[1]", r -> r.getVolumeTlsBuilder()
                            .setAllowedNames(1, hostile.host("node2"))));
            case SWITCH_MANAGEMENT_TLS -> List.<Slot>of();
            case VOLUME_STOPPED -> List.of(new Slot("volume_stopped.name",
                    r -> r.getVolumeStoppedBuilder().setName(hostile.name("gfs"))));
            case REMOUNT -> List.of(
                    new Slot("remount.source", r -> r.getRemountBuilder().setSource(source())),
                    new Slot("remount.mount_point", r -> r.getRemountBuilder().setMountPoint(localPath(mnt))));
            case ACTION_NOT_SET -> List.<Slot>of();
        });
        return slots;
    }

    private List<Slot> hosts() {
        return List.of(
                new Slot("hosts.entries", r -> {
                    EnsureHostsEntries.Builder hosts = r.getHostsBuilder();
                    switch (random.nextInt(5)) {
                        case 0 -> hosts.clearEntries();
                        case 1 -> hosts.addEntries(HostEntry.newBuilder().setName("NODE1").setAddress("10.214.0.99"));
                        case 2 -> {
                            for (int i = 0; i <= FieldRules.MAX_ITEMS; i++) {
                                hosts.addEntries(HostEntry.newBuilder().setName("n" + i).setAddress("10.0.0.1"));
                            }
                        }
                        default -> replaceEntry(hosts, HostEntry.newBuilder().setName(hostile.host("node1"))
                                .setAddress("10.214.0.11").build());
                    }
                }),
                new Slot("hosts.entries", r -> replaceEntry(r.getHostsBuilder(), HostEntry.newBuilder()
                        .setName("node3").setAddress(hostile.address("10.214.0.11")).build())));
    }

    /** Another slot may have emptied the list already. */
    private void replaceEntry(EnsureHostsEntries.Builder hosts, HostEntry entry) {
        if (hosts.getEntriesCount() == 0) {
            hosts.addEntries(entry);
        } else {
            hosts.setEntries(random.nextInt(hosts.getEntriesCount()), entry);
        }
    }

    /** Malformed names, or well-formed ones the agent may not install. */
    private void packages(ActionRequest.Builder request) {
        EnsurePackages.Builder packages = request.getPackagesBuilder();
        switch (random.nextInt(4)) {
            case 0 -> packages.clearPackages();
            case 1 -> packages.setPackages(random.nextInt(2), hostile.pick(List.of("openssh-server", "netcat-openbsd",
                    "glusterfs-server-dbg", "socat", "curl", hostile.overlong(200))));
            case 2 -> packages.setPackages(random.nextInt(2), hostile.pick(List.of("--force-yes", "-oDpkg::x=1",
                    "GlusterFS-Server", "glusterfs-server=10.3", "glusterfs-server/unstable", "a", "")));
            default -> packages.setPackages(random.nextInt(2), hostile.corrupt("glusterfs-server", 5000));
        }
    }

    private void peers(ActionRequest.Builder request) {
        EnsurePeers.Builder peers = request.getPeersBuilder();
        switch (random.nextInt(4)) {
            case 0 -> peers.clearHosts();
            case 1 -> peers.addHosts("NODE2");
            default -> peers.setHosts(random.nextInt(2), hostile.host(peers.getHosts(0)));
        }
    }

    private List<Slot> volume() {
        return List.of(
                new Slot("volume.name", r -> r.getVolumeBuilder().setName(hostile.name("gfs"))),
                new Slot("volume.", r -> r.getVolumeBuilder().setReplica(hostile.pick(List.of(0, 3, 4, 7, -1,
                        Integer.MIN_VALUE)))),
                new Slot("volume.bricks", r -> {
                    EnsureVolume.Builder volume = r.getVolumeBuilder();
                    int i = random.nextInt(2);
                    switch (random.nextInt(4)) {
                        case 0 -> volume.clearBricks();
                        case 1 -> volume.setBricks(i, volume.getBricks(i).toBuilder().setHost(hostile.host("node1")));
                        case 2 -> volume.setBricks(1, volume.getBricks(0));
                        // Other nodes' paths are only checked as text: a link on this node proves nothing there.
                        default -> volume.setBricks(i, volume.getBricks(i).toBuilder().setPath(
                                hostile.path(brick, true, outsideRoots)));
                    }
                }));
    }

    private List<Slot> volumeOption() {
        return List.of(
                new Slot("volume_option.volume", r -> r.getVolumeOptionBuilder().setVolume(hostile.name("gfs"))),
                new Slot("volume_option.key", r -> r.getVolumeOptionBuilder().setKey(random.nextBoolean()
                        ? hostile.pick(List.of("auth.reject", "features.read-only", "storage.owner-uid",
                                "server.allow-insecure", "nfs.disable", "auth.allow.x", "cluster.quorum-type"))
                        : hostile.corrupt("auth.allow", 64))),
                new Slot("volume_option.value", r -> r.getVolumeOptionBuilder().setValue(random.nextBoolean()
                        ? hostile.pick(List.of("10.0.0.1,*", "*.*.*.*", "10.0.0.0/8", "10.0.0.1,", ",10.0.0.1", "10.0.0.1, node1",
                                "10.0.*", "10.0.0.256", "10.0.0.1,,node1", "node_1", "-node1"))
                        : hostile.corrupt("10.0.0.*,node1", 4096))));
    }

    private void describe(ActionRequest.Builder request) {
        DescribeNode.Builder describe = request.getDescribeBuilder();
        if (random.nextInt(10) == 0) {
            for (int i = 0; i <= FieldRules.MAX_ITEMS; i++) {
                describe.addMountPoints(mnt);
            }
        } else {
            describe.addMountPoints(localPath(mnt));
        }
    }

    private String source() {
        return switch (random.nextInt(4)) {
            case 0 -> hostile.pick(List.of("/dev/sdb1", "localhost", "localhost:gfs", ":/gfs", "localhost:/",
                    "localhost:/gfs/sub", "tmpfs", ""));
            case 1 -> hostile.host("localhost") + ":/gfs";
            case 2 -> "localhost:/" + hostile.name("gfs");
            default -> hostile.corrupt("localhost:/gfs", 5000);
        };
    }

    private String localPath(String valid) {
        return hostile.path(valid, true, outsideRootsOnThisNode);
    }

    private ByteString oversized() {
        return ByteString.copyFrom(new byte[ActionValidator.MAX_PROBE_BYTES + 1 + random.nextInt(1024)]);
    }
}
