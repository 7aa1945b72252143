package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.GlusterdIdentity;
import io.brickwork.agent.gluster.GlusterdStore;
import io.brickwork.agent.gluster.Peer;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.mount.MountEntry;
import io.brickwork.agent.mount.MountTable;
import io.brickwork.agent.ownership.Owners;
import io.brickwork.agent.ownership.Ownership;
import io.brickwork.agent.system.CommandException;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.MountFact;
import io.brickwork.proto.agent.v1.NodeFacts;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.PeerFact;
import io.brickwork.proto.agent.v1.VolumeFact;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** DescribeNode: what this node sees, read only. */
public final class NodeDescriber {
    private final GlusterCli cli;
    private final MountTable mountTable;
    private final Ownership ownership;
    private final GlusterdStore store;

    @Inject
    public NodeDescriber(GlusterCli cli, MountTable mountTable, Ownership ownership, GlusterdStore store) {
        this.cli = requireNonNull(cli, "cli is null");
        this.mountTable = requireNonNull(mountTable, "mountTable is null");
        this.ownership = requireNonNull(ownership, "ownership is null");
        this.store = requireNonNull(store, "store is null");
    }

    /** Peers and volumes are only asked for when glusterd answers; a silent glusterd is a fact, not a failure. */
    public ActionResult describe(List<Path> mountPoints, StepContext context) {
        NodeFacts.Builder facts = NodeFacts.newBuilder();
        try {
            boolean running = cli.answers(context.commandTimeout());
            facts.setGlusterdRunning(running);
            glusterdUuid().ifPresent(facts::setGlusterdUuid);
            if (running) {
                cli.peerStatus(context.commandTimeout()).forEach(peer -> facts.addPeers(peerFact(peer)));
                cli.volumes(context.commandTimeout()).forEach(volume -> facts.addVolumes(volumeFact(volume)));
            }
            for (Path mountPoint : mountPoints) {
                facts.addMounts(mountFact(mountPoint));
            }
        } catch (CommandException e) {
            return StepRunner.failed(e).toBuilder().setFacts(facts).build();
        } catch (IOException e) {
            return ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_FAILED)
                    .setSummary("cannot read the mount table: " + e.getMessage()).setFacts(facts).build();
        }
        return ActionResult.newBuilder()
                .setOutcome(Outcome.OUTCOME_UNCHANGED)
                .setSummary(summary(facts))
                .setFacts(facts)
                .build();
    }

    /** Left out when it cannot be read: an unknown UUID, not a failed description. */
    private Optional<String> glusterdUuid() {
        try {
            return GlusterdIdentity.uuidIn(store.workdir());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String summary(NodeFacts.Builder facts) {
        long mounted = facts.getMountsList().stream().filter(MountFact::getMounted).count();
        return "glusterd " + (facts.getGlusterdRunning() ? "answering" : "not answering") + "; "
                + facts.getPeersCount() + " peers; " + facts.getVolumesCount() + " volumes; " + mounted + " of "
                + facts.getMountsCount() + " mount points mounted";
    }

    private static PeerFact peerFact(Peer peer) {
        return PeerFact.newBuilder().setUuid(peer.uuid()).setHostname(peer.hostname())
                .setConnected(peer.connected()).setState(peer.state()).build();
    }

    private static VolumeFact volumeFact(VolumeInfo volume) {
        return VolumeFact.newBuilder().setName(volume.name()).setId(volume.id()).setType(volume.type())
                .setStatus(volume.status()).setReplica(volume.replicaCount()).addAllBricks(volume.bricks()).build();
    }

    private MountFact mountFact(Path mountPoint) throws IOException {
        MountFact.Builder fact = MountFact.newBuilder().setMountPoint(mountPoint.toString());
        Optional<MountEntry> entry = mountTable.at(mountPoint);
        if (entry.isPresent()) {
            fact.setMounted(true).setSource(entry.get().source()).setFsType(entry.get().fsType());
            spaceOf(mountPoint, fact);
        }
        if (Files.exists(mountPoint)) {
            Owners owners = ownership.of(mountPoint);
            fact.setOwner(owners.user()).setGroup(owners.group());
        }
        return fact.build();
    }

    /** A broken fuse mount ("Transport endpoint is not connected") still counts as mounted, without sizes. */
    private static void spaceOf(Path mountPoint, MountFact.Builder fact) {
        try {
            FileStore store = Files.getFileStore(mountPoint);
            fact.setSizeBytes(store.getTotalSpace()).setFreeBytes(store.getUsableSpace());
        } catch (IOException e) {
            fact.setSizeBytes(0).setFreeBytes(0);
        }
    }
}
