package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.Peer;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.LocalNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency: the peer is detached only while this node's pool lists it, so once it is gone a
 * run only reads volume info and peer status.
 *
 * <p>Refused while any volume has a brick on the host: a detach would strand that brick (glusterd
 * refuses it too, but only after the caller has asked for force).
 */
public final class DetachPeerStep implements Step {
    private final String host;
    private final GlusterCli cli;
    private final LocalNode localNode;
    private final StepContext context;

    public DetachPeerStep(String host, GlusterCli cli, LocalNode localNode, StepContext context) {
        this.host = requireNonNull(host, "host is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.localNode = requireNonNull(localNode, "localNode is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws CommandException {
        if (localNode.isSelf(host)) {
            return Check.refused(host + " is this node; detach it from another node of the pool");
        }
        List<String> bricks = new ArrayList<>();
        for (VolumeInfo volume : cli.volumes(context.commandTimeout())) {
            for (String brick : volume.bricks()) {
                if (brick.startsWith(host + ":")) {
                    bricks.add(volume.name() + " " + brick);
                }
            }
        }
        if (!bricks.isEmpty()) {
            return Check.refused(host + " still holds bricks (" + String.join(", ", bricks)
                    + "); replace them before detaching it");
        }
        Optional<Peer> found = find();
        if (found.isEmpty()) {
            return Check.inSync(host + " is not a peer");
        }
        return Check.needs("detach " + host + (found.get().connected() ? "" : " (not connected)"));
    }

    /** A timed-out detach may have happened: the runner reads the pool again (verify) before failing. */
    @Override
    public void apply() throws CommandException {
        cli.detachPeer(host, context.commandTimeout());
    }

    @Override
    public Check verify() throws CommandException, IOException, InterruptedException {
        Optional<Peer> still = context.poll(this::find, Optional::isEmpty);
        return still.isEmpty() ? Check.inSync(host + " is not a peer")
                : Check.needs(host + " is still a peer (" + still.get().describe() + ")");
    }

    private Optional<Peer> find() throws CommandException {
        return cli.peerStatus(context.commandTimeout()).stream().filter(candidate -> candidate.knownAs(host)).findFirst();
    }
}
