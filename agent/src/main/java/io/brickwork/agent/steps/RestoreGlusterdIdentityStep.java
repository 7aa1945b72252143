package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.GlusterdIdentity;
import io.brickwork.agent.gluster.Peer;
import io.brickwork.agent.services.Glusterd;
import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node rebuilt under its own name (new OS, so a new glusterd UUID and an empty pool) takes
 * back the UUID the pool knows it by, and the pool's members as its peers; once glusterd
 * restarts, the others accept it again and it imports the volumes from them. Without this the
 * pool keeps the old UUID as a rejected peer that holds bricks, which gluster neither detaches
 * nor lets anything replace.
 *
 * <p>The step ends once glusterd has stored the imported volumes. The restart it then needs
 * (RestartGlusterdAfterImportStep) waits until the rest of the pool has accepted this node.
 *
 * <p>Idempotency: once glusterd.info carries the UUID a run only reads. Safety: only a fresh
 * glusterd (no peers, no volumes in its working directory) is changed, checked again with
 * glusterd stopped right before the files are written; and glusterd is started again whatever
 * happens in between.
 */
public final class RestoreGlusterdIdentityStep implements Step {
    private final String uuid;
    private final List<GlusterdIdentity.Peer> peers;
    private final List<String> volumes;
    private final GlusterdIdentity identity;
    private final Glusterd glusterd;
    private final GlusterCli cli;
    private final StepContext context;

    /** @param volumes the volumes glusterd is to import from its peers before the step ends */
    public RestoreGlusterdIdentityStep(String uuid, List<GlusterdIdentity.Peer> peers, List<String> volumes,
            GlusterdIdentity identity, Glusterd glusterd, GlusterCli cli, StepContext context) {
        this.uuid = requireNonNull(uuid, "uuid is null");
        this.peers = List.copyOf(peers);
        this.volumes = List.copyOf(volumes);
        this.identity = requireNonNull(identity, "identity is null");
        this.glusterd = requireNonNull(glusterd, "glusterd is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws IOException {
        Optional<String> current = identity.uuid();
        if (current.isPresent() && current.get().equals(uuid)) {
            return Check.inSync("glusterd here is " + uuid + ", the UUID the pool knows this node by");
        }
        if (current.isEmpty()) {
            return Check.refused("glusterd has no UUID here yet (no glusterd.info): start glusterd once, then apply"
                    + " again");
        }
        Optional<String> notFresh = notFresh();
        if (notFresh.isPresent()) {
            return Check.refused("glusterd here is " + current.get() + ", not " + uuid + ", and is not a fresh install ("
                    + notFresh.get() + "): taking another identity would discard what it holds; if this node was"
                    + " rebuilt, stop glusterd, empty /var/lib/glusterd except hooks and groups, start it, and apply"
                    + " again");
        }
        if (!glusterd.restartable()) {
            return Check.refused("glusterd is not managed by systemd here, and the agent may not restart it"
                    + " (restart-unmanaged-glusterd = false)");
        }
        return Check.needs("glusterd here is " + current.get() + ", a fresh install: take back " + uuid + ", the UUID"
                + " the pool knows this node by, with its " + peers.size() + " peers (" + String.join(", ",
                        peers.stream().map(GlusterdIdentity.Peer::hostname).toList()) + "), and start glusterd"
                + " again, which then imports the volumes from them");
    }

    private Optional<String> notFresh() throws IOException {
        List<String> found = new ArrayList<>();
        List<String> peerFiles = identity.peerFiles();
        if (!peerFiles.isEmpty()) {
            found.add("it knows " + peerFiles.size() + " peer" + (peerFiles.size() == 1 ? "" : "s"));
        }
        List<String> volumes = identity.volumes();
        if (!volumes.isEmpty()) {
            found.add("it holds volume" + (volumes.size() == 1 ? " " : "s ") + String.join(", ", volumes));
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", found));
    }

    @Override
    public void apply() throws CommandException, IOException, StepFailedException, InterruptedException {
        glusterd.stop(context.commandTimeout());
        try {
            // Again with glusterd stopped: a peer probe may have reached it since the check.
            Optional<String> notFresh = notFresh();
            if (notFresh.isPresent()) {
                throw new StepFailedException("glusterd stopped being a fresh install before its identity was"
                        + " restored (" + notFresh.get() + "); nothing was written");
            }
            identity.restore(uuid, peers);
        } finally {
            glusterd.start(context.commandTimeout());
        }
        if (volumes.isEmpty()) {
            return;
        }
        List<String> stored = context.poll(identity::volumes, current -> current.containsAll(volumes));
        if (!stored.containsAll(volumes)) {
            throw new StepFailedException("glusterd took back " + uuid + " but has not imported "
                    + String.join(", ", volumes.stream().filter(volume -> !stored.contains(volume)).toList())
                    + " from its peers in time; see `gluster peer status` and glusterd.log here");
        }
    }

    /** Until glusterd answers and lists every peer in the cluster and connected. */
    @Override
    public Check verify() throws CommandException, IOException, InterruptedException {
        if (!identity.uuid().equals(Optional.of(uuid))) {
            return Check.needs("glusterd.info does not carry " + uuid);
        }
        List<Peer> seen = context.poll(this::peersIfAnswering, current -> lagging(current).isEmpty());
        List<String> lagging = lagging(seen);
        return lagging.isEmpty() ? Check.inSync("glusterd is " + uuid + " again, with its " + peers.size()
                + " peers in the cluster") : Check.needs(lagging);
    }

    private List<Peer> peersIfAnswering() throws CommandException {
        return cli.answers(context.commandTimeout()) ? cli.peerStatus(context.commandTimeout()) : List.of();
    }

    private List<String> lagging(List<Peer> seen) {
        List<String> lagging = new ArrayList<>();
        for (GlusterdIdentity.Peer wanted : peers) {
            Optional<Peer> peer = seen.stream().filter(candidate -> candidate.uuid().equalsIgnoreCase(wanted.uuid()))
                    .findFirst();
            if (peer.isEmpty() || !peer.get().ready()) {
                lagging.add("wait for " + wanted.hostname() + " (" + peer.map(Peer::describe).orElse("not listed yet")
                        + ")");
            }
        }
        return lagging;
    }
}
