package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.Peer;
import io.brickwork.agent.gluster.ProbeResult;
import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandTimeoutException;
import io.brickwork.agent.system.LocalNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Idempotency: only hosts that no peer is known as get probed, so once every host has joined
 * a run only reads peer status.
 */
public final class PeersStep implements Step {
    private final List<String> hosts;
    private final GlusterCli cli;
    private final LocalNode localNode;
    private final StepContext context;
    /** Hosts glusterd itself called localhost although we did not recognize them as this node. */
    private final Set<String> local = new HashSet<>();
    private List<String> toProbe = List.of();

    public PeersStep(List<String> hosts, GlusterCli cli, LocalNode localNode, StepContext context) {
        this.hosts = List.copyOf(hosts);
        this.cli = requireNonNull(cli, "cli is null");
        this.localNode = requireNonNull(localNode, "localNode is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws CommandException {
        List<Peer> peers = cli.peerStatus(context.commandTimeout());
        List<String> changes = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String host : remoteHosts()) {
            Optional<Peer> peer = find(peers, host);
            if (peer.isEmpty()) {
                unknown.add(host);
                changes.add("probe " + host);
            } else if (!peer.get().ready()) {
                changes.add("wait for " + host + " (" + peer.get().describe() + ")");
            }
        }
        toProbe = unknown;
        return changes.isEmpty() ? Check.inSync(remoteHosts().size() + " peers in cluster and connected")
                : Check.needs(changes);
    }

    /** Probes every unknown host even if one times out; the timeout is reported once all were tried. */
    @Override
    public void apply() throws CommandException {
        CommandTimeoutException timedOut = null;
        for (String host : toProbe) {
            try {
                if (cli.probe(host, context.commandTimeout()) == ProbeResult.LOCALHOST) {
                    local.add(host);
                }
            } catch (CommandTimeoutException e) {
                timedOut = timedOut == null ? e : timedOut;
            }
        }
        if (timedOut != null) {
            throw timedOut;
        }
    }

    /** Joining takes a few handshakes; waits until every host is in the cluster and connected. */
    @Override
    public Check verify() throws CommandException, IOException, InterruptedException, StepFailedException {
        // The wait ends at the step's deadline, where a last read has next to no time left: what
        // the read before it saw is then the answer, so that the failure names the lagging peers.
        AtomicReference<List<Peer>> lastRead = new AtomicReference<>();
        List<Peer> peers;
        try {
            peers = context.poll(() -> {
                List<Peer> read = cli.peerStatus(context.commandTimeout());
                lastRead.set(read);
                return read;
            }, current -> lagging(current).isEmpty());
        } catch (CommandTimeoutException e) {
            if (lastRead.get() == null) {
                throw e;
            }
            peers = lastRead.get();
        }
        List<String> lagging = lagging(peers);
        if (!lagging.isEmpty()) {
            throw new StepFailedException("peers not in cluster and connected in time: " + String.join(", ", lagging));
        }
        return Check.inSync(remoteHosts().size() + " peers in cluster and connected");
    }

    private List<String> lagging(List<Peer> peers) {
        List<String> lagging = new ArrayList<>();
        for (String host : remoteHosts()) {
            Optional<Peer> peer = find(peers, host);
            if (peer.isEmpty()) {
                lagging.add(host + " (not a peer)");
            } else if (!peer.get().ready()) {
                lagging.add(host + " (" + peer.get().describe() + ")");
            }
        }
        return lagging;
    }

    /** The manager is not its own peer: it never appears in its own peer status. */
    private List<String> remoteHosts() {
        return hosts.stream().filter(host -> !local.contains(host) && !localNode.isSelf(host)).toList();
    }

    private static Optional<Peer> find(List<Peer> peers, String host) {
        return peers.stream().filter(peer -> peer.knownAs(host)).findFirst();
    }
}
