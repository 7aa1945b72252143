package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.GlusterdIdentity;
import io.brickwork.agent.gluster.Peer;
import io.brickwork.agent.services.Glusterd;
import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rebuilt node's glusterd restarted once after it imported its volumes from its peers: glusterd
 * 10.3 keeps an imported volume's bricks in memory without what it reads of its own bricks at
 * start, and until a restart refuses to take this node's bricks back ({@code reset-brick ...
 * commit force}: "When destination brick is new, please use gluster volume replace-brick").
 *
 * <p>The coordinator sends it only once every other member of the pool lists this node in the
 * cluster: a restart in the middle of their handshake leaves a peer holding this node in "Sent and
 * Received peer request" or "Peer is connected and Accepted", states its glusterd never leaves.
 *
 * <p>Idempotency: in sync once glusterd started after it last stored each volume.
 */
public final class RestartGlusterdAfterImportStep implements Step {
    private final List<String> volumes;
    private final GlusterdIdentity identity;
    private final Glusterd glusterd;
    private final GlusterCli cli;
    private final StepContext context;

    public RestartGlusterdAfterImportStep(List<String> volumes, GlusterdIdentity identity, Glusterd glusterd,
            GlusterCli cli, StepContext context) {
        this.volumes = List.copyOf(volumes);
        this.identity = requireNonNull(identity, "identity is null");
        this.glusterd = requireNonNull(glusterd, "glusterd is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws IOException {
        Optional<Instant> started = glusterd.startedAt();
        List<String> storedSince = new ArrayList<>();
        for (String volume : volumes) {
            Optional<Instant> stored = identity.storedAt(volume);
            if (stored.isEmpty()) {
                return Check.refused("glusterd holds no volume " + volume + " here: it imports it when this node takes"
                        + " back its identity (restore-glusterd-identity), which comes first");
            }
            // The start time reads up to a second early (the kernel's boot time is in whole
            // seconds), never late: at worst one restart too many, never one missed.
            if (started.isEmpty() || started.get().isBefore(stored.get())) {
                storedSince.add(volume + " (stored " + stored.get() + ")");
            }
        }
        if (storedSince.isEmpty()) {
            return Check.inSync("glusterd started at " + started.orElseThrow() + ", after it stored "
                    + String.join(", ", volumes));
        }
        if (!glusterd.restartable()) {
            return Check.refused("glusterd is not managed by systemd here, and the agent may not restart it"
                    + " (restart-unmanaged-glusterd = false)");
        }
        return Check.needs("restart glusterd, which imported " + String.join(", ", storedSince) + " after it started"
                + started.map(instant -> " at " + instant).orElse(" (its start time is unknown)")
                + ": only a restart makes it take its own bricks back");
    }

    @Override
    public void apply() throws CommandException, IOException, InterruptedException {
        glusterd.stop(context.commandTimeout());
        glusterd.start(context.commandTimeout());
    }

    /** Until glusterd answers and lists every peer in the cluster and connected. */
    @Override
    public Check verify() throws CommandException, IOException, InterruptedException {
        List<Peer> seen = context.poll(this::peersIfAnswering, current -> lagging(current).isEmpty());
        List<String> lagging = lagging(seen);
        return lagging.isEmpty() ? Check.inSync("glusterd restarted, with its " + seen.size() + " peers in the cluster")
                : Check.needs(lagging);
    }

    private List<Peer> peersIfAnswering() throws CommandException {
        return cli.answers(context.commandTimeout()) ? cli.peerStatus(context.commandTimeout()) : List.of();
    }

    private static List<String> lagging(List<Peer> seen) {
        if (seen.isEmpty()) {
            return List.of("wait for glusterd to answer and list its peers");
        }
        return seen.stream().filter(peer -> !peer.ready())
                .map(peer -> "wait for " + peer.hostname() + " (" + peer.describe() + ")").toList();
    }
}
