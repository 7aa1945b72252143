package io.brickwork.coordinator.api;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.gateway.AgentSession;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.DescribeNode;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.MountFact;
import io.brickwork.proto.agent.v1.NodeFacts;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.PeerFact;
import io.brickwork.proto.agent.v1.VolumeFact;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.MountStatus;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import io.brickwork.proto.coordinator.v1.PeerStatus;
import io.brickwork.proto.coordinator.v1.VolumeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Status is read fresh from GlusterFS through the agents on every call: the manager's view of
 * peers and volumes, and every node's view of its own mounts. Nothing is cached.
 */
public final class StatusReader {
    private static final Duration DESCRIBE_TIMEOUT = Duration.ofSeconds(10);

    private final AgentRegistry registry;

    public StatusReader(AgentRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    public GetStatusResponse read(Optional<ClusterSpec> maybeSpec, List<NodeInfo> nodes) {
        GetStatusResponse.Builder status = GetStatusResponse.newBuilder().addAllNodes(nodes);
        if (maybeSpec.isEmpty()) {
            return status.addProblems("nothing has been applied yet").build();
        }
        ClusterSpec spec = maybeSpec.get();
        status.setCluster(spec.name()).setManager(spec.manager());
        List<String> mountPoints = spec.volumes().stream().map(volume -> volume.mount().path()).distinct().toList();

        Map<String, CompletableFuture<Optional<NodeFacts>>> facts = new LinkedHashMap<>();
        for (String node : spec.nodes()) {
            facts.put(node, describe(node, mountPoints));
        }
        Map<String, Optional<NodeFacts>> seen = new LinkedHashMap<>();
        facts.forEach((node, future) -> seen.put(node, future.join()));

        List<String> problems = new ArrayList<>();
        for (String node : spec.nodes()) {
            if (registry.session(node).isEmpty()) {
                problems.add(node + ": agent not connected");
            } else if (seen.get(node).isEmpty()) {
                problems.add(node + ": agent did not answer");
            } else if (!seen.get(node).get().getGlusterdRunning()) {
                problems.add(node + ": glusterd not running");
            }
        }

        Optional<NodeFacts> manager = seen.getOrDefault(spec.manager(), Optional.empty());
        manager.ifPresent(m -> {
            for (PeerFact peer : m.getPeersList()) {
                status.addPeers(PeerStatus.newBuilder()
                        .setHostname(peer.getHostname()).setConnected(peer.getConnected()).setState(peer.getState()));
                if (!peer.getConnected()) {
                    problems.add("peer " + peer.getHostname() + " is disconnected (seen from " + spec.manager() + ")");
                }
            }
        });
        for (VolumeSpec volume : spec.volumes()) {
            VolumeStatus.Builder volumeStatus = VolumeStatus.newBuilder().setName(volume.name());
            Optional<VolumeFact> fact = manager.flatMap(m -> m.getVolumesList().stream()
                    .filter(v -> v.getName().equals(volume.name())).findFirst());
            if (fact.isPresent()) {
                volumeStatus.setType(fact.get().getType()).setStatus(fact.get().getStatus())
                        .setReplica(fact.get().getReplica()).addAllBricks(fact.get().getBricksList());
                if (!"Started".equals(fact.get().getStatus())) {
                    problems.add(volume.name() + ": volume is " + fact.get().getStatus());
                }
            } else if (manager.isPresent()) {
                volumeStatus.setStatus("missing");
                problems.add(volume.name() + ": volume does not exist");
            }
            for (String node : spec.nodes()) {
                Optional<MountFact> mount = seen.get(node).flatMap(f -> f.getMountsList().stream()
                        .filter(m -> m.getMountPoint().equals(volume.mount().path())).findFirst());
                if (mount.isPresent()) {
                    MountFact m = mount.get();
                    status.addMounts(MountStatus.newBuilder()
                            .setNode(node).setMountPoint(m.getMountPoint()).setMounted(m.getMounted())
                            .setSource(m.getSource()).setOwner(m.getOwner()).setGroup(m.getGroup())
                            .setSizeBytes(m.getSizeBytes()).setFreeBytes(m.getFreeBytes()));
                    boolean ours = m.getMounted() && m.getSource().endsWith(":/" + volume.name());
                    if (!ours) {
                        volumeStatus.addUnmountedOn(node);
                        problems.add(node + ": " + volume.mount().path()
                                + " not mounted — containers would write to local disk");
                    }
                }
            }
            status.addVolumes(volumeStatus);
        }
        return status.addAllProblems(problems).build();
    }

    private CompletableFuture<Optional<NodeFacts>> describe(String node, List<String> mountPoints) {
        Optional<AgentSession> session = registry.session(node);
        if (session.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        ActionRequest request = ActionRequest.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setMode(Mode.MODE_CHECK)
                .setTimeoutMs((int) DESCRIBE_TIMEOUT.toMillis())
                .setDescribe(DescribeNode.newBuilder().addAllMountPoints(mountPoints))
                .build();
        return session.get().send(request)
                .orTimeout(DESCRIBE_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS)
                .handle((ActionResult result, Throwable error) -> error == null
                        && result.getOutcome() != Outcome.OUTCOME_FAILED
                        && result.getOutcome() != Outcome.OUTCOME_REFUSED
                        ? Optional.of(result.getFacts()) : Optional.<NodeFacts>empty());
    }
}
