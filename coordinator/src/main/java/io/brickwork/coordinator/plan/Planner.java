package io.brickwork.coordinator.plan;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.validation.DirectoryRules;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.DirectorySpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.AppDirectory;
import io.brickwork.proto.agent.v1.EnsureAppDirectories;
import io.brickwork.proto.agent.v1.EnsureDirectoryQuota;
import io.brickwork.proto.agent.v1.EnsureDockerMountOrder;
import io.brickwork.proto.agent.v1.Brick;
import io.brickwork.proto.agent.v1.EnsureBrickDirectory;
import io.brickwork.proto.agent.v1.EnsureFstabEntry;
import io.brickwork.proto.agent.v1.EnsureGlusterTls;
import io.brickwork.proto.agent.v1.EnsureGlusterd;
import io.brickwork.proto.agent.v1.EnsureHostsEntries;
import io.brickwork.proto.agent.v1.EnsureMounted;
import io.brickwork.proto.agent.v1.EnsurePackages;
import io.brickwork.proto.agent.v1.EnsurePeers;
import io.brickwork.proto.agent.v1.EnsureVolume;
import io.brickwork.proto.agent.v1.EnsureVolumeOption;
import io.brickwork.proto.agent.v1.EnsureVolumeStarted;
import io.brickwork.proto.agent.v1.EnsureVolumeTls;
import io.brickwork.proto.agent.v1.HostEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated spec into the seed procedure's steps, in its order:
 * <ol>
 *   <li>prepare, on every node in parallel: /etc/hosts, packages, glusterd, gluster's TLS (with
 *       {@code cluster.tls}), brick directories (and an arbiter brick's directory on its node);</li>
 *   <li>cluster, on the manager in order: peer probe, then per volume create, auth.allow, TLS
 *       (with the volume's {@code tls}) and start;</li>
 *   <li>mount, on every node in parallel: the fstab line, then the mount and its owner, then the
 *       drop-in that orders docker.service after the mounts;</li>
 *   <li>directories (only when a volume has application directories): created once on the
 *       manager, then confirmed visible on every other node.</li>
 * </ol>
 * Pure: the same spec and addresses give the same plan.
 */
public final class Planner {
    /** What the seed installs: the server, the FUSE client, and getfattr/setfattr for brick checks. */
    public static final List<String> PACKAGES = List.of("glusterfs-server", "glusterfs-client", "attr");

    private final StepTimeouts timeouts;

    public Planner(StepTimeouts timeouts) {
        this.timeouts = requireNonNull(timeouts, "timeouts is null");
    }

    /**
     * @param addresses every node's address: the spec's {@code cluster.hosts} where given,
     *     otherwise the first address its agent reported
     */
    public Plan plan(ClusterSpec spec, Map<String, String> addresses) {
        return plan(spec, addresses, List.of());
    }

    /**
     * @param departed nodes that have left the pool (detached): their names leave every node's
     *     /etc/hosts
     */
    public Plan plan(ClusterSpec spec, Map<String, String> addresses, List<String> departed) {
        requireNonNull(spec, "spec is null");
        requireNonNull(departed, "departed is null");
        for (String node : spec.nodes()) {
            if (!addresses.containsKey(node)) {
                throw new IllegalArgumentException("no address for node " + node);
            }
        }
        List<Phase> phases = new ArrayList<>(List.of(prepare(spec, addresses, departed), cluster(spec, addresses),
                mount(spec)));
        if (spec.volumes().stream().anyMatch(volume -> !volume.directories().isEmpty())) {
            phases.addAll(directories(spec));
        }
        return new Plan(spec, phases);
    }

    /**
     * What a new node needs before it can take over another's bricks: every node prepared as for
     * an apply (the old node's name stays in /etc/hosts: gluster resolves it until the detach),
     * then the manager's peer probe. The volumes are left as they are.
     */
    public Plan join(ClusterSpec spec, Map<String, String> addresses) {
        requireNonNull(spec, "spec is null");
        return new Plan(spec, List.of(prepare(spec, addresses, List.of()), peers(spec, addresses)));
    }

    /**
     * The first half of {@link #join}, every node prepared; a rebuilt node takes back its glusterd
     * identity after it (its brick directories must exist when glusterd imports the volumes) and
     * before the manager's peer check, which waits for every peer to be in the cluster.
     */
    public Plan prepare(ClusterSpec spec, Map<String, String> addresses) {
        requireNonNull(spec, "spec is null");
        return new Plan(spec, List.of(prepare(spec, addresses, List.of())));
    }

    private Phase peers(ClusterSpec spec, Map<String, String> addresses) {
        List<Phase.Sequence> peers = cluster(spec, addresses).sequences().stream()
                .map(sequence -> new Phase.Sequence(sequence.node(), sequence.steps().stream()
                        .filter(step -> step.name().equals("peers")).toList()))
                .toList();
        return new Phase("peers", peers);
    }

    private Phase prepare(ClusterSpec spec, Map<String, String> addresses, List<String> departed) {
        EnsureHostsEntries.Builder hosts = EnsureHostsEntries.newBuilder().addAllRemoveNames(departed);
        for (String node : spec.nodes()) {
            hosts.addEntries(HostEntry.newBuilder().setName(node).setAddress(addresses.get(node)));
        }
        List<Phase.Sequence> sequences = new ArrayList<>();
        for (String node : spec.nodes()) {
            List<PlannedStep> steps = new ArrayList<>();
            steps.add(step(node, "hosts", ActionRequest.newBuilder().setHosts(hosts)));
            steps.add(new PlannedStep(node, "packages",
                    ActionRequest.newBuilder().setPackages(EnsurePackages.newBuilder().addAllPackages(PACKAGES)).build(),
                    timeouts.packages()));
            steps.add(step(node, "glusterd", ActionRequest.newBuilder().setGlusterd(EnsureGlusterd.getDefaultInstance())));
            if (spec.tls()) {
                // Before the cluster phase: glusterd must speak TLS before the first peer probe.
                steps.add(step(node, "gluster-tls", ActionRequest.newBuilder()
                        .setGlusterTls(EnsureGlusterTls.getDefaultInstance())));
            }
            for (VolumeSpec volume : spec.volumes()) {
                if (volume.nodes().contains(node)) {
                    steps.add(step(node, "brick-directory:" + volume.name(), ActionRequest.newBuilder()
                            .setBrickDirectory(EnsureBrickDirectory.newBuilder()
                                    .setPath(volume.brick())
                                    .setVolume(volume.name()))));
                }
                volume.arbiterBrick().filter(arbiterBrick -> arbiterBrick.node().equals(node)).ifPresent(arbiterBrick ->
                        steps.add(step(node, "arbiter-brick-directory:" + volume.name(), ActionRequest.newBuilder()
                                .setBrickDirectory(EnsureBrickDirectory.newBuilder()
                                        .setPath(arbiterBrick.path())
                                        .setVolume(volume.name())))));
            }
            sequences.add(new Phase.Sequence(node, steps));
        }
        return new Phase("prepare", sequences);
    }

    private Phase cluster(ClusterSpec spec, Map<String, String> addresses) {
        String manager = spec.manager();
        List<PlannedStep> steps = new ArrayList<>();
        List<String> others = spec.nodes().stream().filter(node -> !node.equals(manager)).toList();
        if (!others.isEmpty()) {
            steps.add(new PlannedStep(manager, "peers",
                    ActionRequest.newBuilder().setPeers(EnsurePeers.newBuilder().addAllHosts(others)).build(),
                    timeouts.peers()));
        }
        for (VolumeSpec volume : spec.volumes()) {
            EnsureVolume.Builder create = EnsureVolume.newBuilder()
                    .setName(volume.name())
                    .setReplica(volume.replica())
                    .setArbiterCount(volume.arbiter() ? 1 : 0)
                    .setForce(volume.force());
            for (String node : volume.nodes()) {
                create.addBricks(Brick.newBuilder().setHost(node).setPath(volume.brick()));
            }
            // Last: gluster takes the last brick of an arbiter replica set as its arbiter.
            volume.arbiterBrick().ifPresent(arbiterBrick ->
                    create.addBricks(Brick.newBuilder().setHost(arbiterBrick.node()).setPath(arbiterBrick.path())));
            steps.add(new PlannedStep(manager, "volume:" + volume.name(),
                    ActionRequest.newBuilder().setVolume(create).build(), timeouts.volume()));
            // Before the start, so that the volume is never open to every host on the network.
            steps.add(step(manager, "volume-auth:" + volume.name(), ActionRequest.newBuilder()
                    .setVolumeOption(EnsureVolumeOption.newBuilder()
                            .setVolume(volume.name())
                            .setKey("auth.allow")
                            .setValue(String.join(",", authAllow(spec, volume, addresses))))));
            if (volume.tls()) {
                // Before the first start: bricks and clients then never speak plaintext.
                steps.add(step(manager, "volume-tls:" + volume.name(), ActionRequest.newBuilder()
                        .setVolumeTls(EnsureVolumeTls.newBuilder()
                                .setVolume(volume.name())
                                .addAllAllowedNames(spec.nodes()))));
            }
            steps.add(new PlannedStep(manager, "volume-started:" + volume.name(), ActionRequest.newBuilder()
                    .setVolumeStarted(EnsureVolumeStarted.newBuilder().setName(volume.name())).build(),
                    timeouts.volume()));
        }
        return new Phase("cluster", List.of(new Phase.Sequence(manager, steps)));
    }

    private Phase mount(ClusterSpec spec) {
        List<Phase.Sequence> sequences = new ArrayList<>();
        for (String node : spec.nodes()) {
            List<PlannedStep> steps = new ArrayList<>();
            for (VolumeSpec volume : spec.volumes()) {
                String source = "localhost:/" + volume.name();
                // Failover for fetching the volfile: every other node of the volume, in spec order.
                List<String> backups = volume.nodes().stream().filter(other -> !other.equals(node)).toList();
                steps.add(step(node, "fstab:" + volume.name(), ActionRequest.newBuilder()
                        .setFstabEntry(EnsureFstabEntry.newBuilder()
                                .setSource(source)
                                .setMountPoint(volume.mount().path())
                                .setFsType("glusterfs")
                                .setOptions(volume.mount().effectiveOptions(backups)))));
                steps.add(new PlannedStep(node, "mount:" + volume.name(), ActionRequest.newBuilder()
                        .setMounted(EnsureMounted.newBuilder()
                                .setSource(source)
                                .setMountPoint(volume.mount().path())
                                .setOwner(volume.mount().owner())
                                .setGroup(volume.mount().group()))
                        .build(), timeouts.mount()));
            }
            // After the mounts, so docker.service is ordered after mounts that exist.
            steps.add(step(node, "docker-mounts", ActionRequest.newBuilder()
                    .setDockerMountOrder(EnsureDockerMountOrder.newBuilder()
                            .addAllMountPoints(spec.volumes().stream().map(volume -> volume.mount().path()).toList()))));
            sequences.add(new Phase.Sequence(node, steps));
        }
        return new Phase("mount", sequences);
    }

    /**
     * The volume is shared, so one node (the manager) creates the application directories
     * once; then every other node confirms it sees them as specified through its own mount.
     */
    private List<Phase> directories(ClusterSpec spec) {
        String creator = spec.manager();
        List<PlannedStep> create = new ArrayList<>();
        List<Phase.Sequence> confirm = new ArrayList<>();
        for (VolumeSpec volume : spec.volumes()) {
            if (!volume.directories().isEmpty()) {
                create.add(new PlannedStep(creator, "app-directories:" + volume.name(), ActionRequest.newBuilder()
                        .setAppDirectories(appDirectories(volume, false)).build(), timeouts.mount()));
                // gluster limits only a directory that exists: after the step that makes them.
                for (DirectorySpec directory : volume.directories()) {
                    directory.quotaBytes().ifPresent(bytes -> create.add(new PlannedStep(creator,
                            "directory-quota:" + volume.name() + ":" + directory.path(), ActionRequest.newBuilder()
                            .setDirectoryQuota(EnsureDirectoryQuota.newBuilder().setVolume(volume.name())
                                    .setPath(directory.path()).setLimitBytes(bytes)).build(), timeouts.mount())));
                }
            }
        }
        for (String node : spec.nodes()) {
            if (node.equals(creator)) {
                continue;
            }
            List<PlannedStep> steps = new ArrayList<>();
            for (VolumeSpec volume : spec.volumes()) {
                if (!volume.directories().isEmpty()) {
                    steps.add(new PlannedStep(node, "app-directories-visible:" + volume.name(), ActionRequest.newBuilder()
                            .setAppDirectories(appDirectories(volume, true)).build(), timeouts.mount()));
                }
            }
            confirm.add(new Phase.Sequence(node, steps));
        }
        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase("directories", List.of(new Phase.Sequence(creator, create))));
        if (!confirm.isEmpty()) {
            phases.add(new Phase("directories-visible", confirm));
        }
        return phases;
    }

    private static EnsureAppDirectories.Builder appDirectories(VolumeSpec volume, boolean verifyOnly) {
        EnsureAppDirectories.Builder request = EnsureAppDirectories.newBuilder()
                .setSource("localhost:/" + volume.name())
                .setMountPoint(volume.mount().path())
                .setVerifyOnly(verifyOnly);
        for (DirectorySpec directory : volume.directories()) {
            request.addDirectories(AppDirectory.newBuilder()
                    .setPath(directory.path())
                    .setOwner(directory.owner())
                    .setGroup(directory.group())
                    .setMode(DirectoryRules.modeBits(directory.mode())));
        }
        return request;
    }

    /** The spec's list, else every cluster node's address: each node mounts the volume from itself. */
    static List<String> authAllow(ClusterSpec spec, VolumeSpec volume, Map<String, String> addresses) {
        return volume.authAllow().orElseGet(() -> spec.nodes().stream().map(addresses::get).toList());
    }

    private PlannedStep step(String node, String name, ActionRequest.Builder action) {
        return new PlannedStep(node, name, action.build(), timeouts.standard());
    }
}
