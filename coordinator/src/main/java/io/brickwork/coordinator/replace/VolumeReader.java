package io.brickwork.coordinator.replace;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.gateway.AgentSession;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.DescribeNode;
import io.brickwork.proto.agent.v1.DescribeVolume;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.NodeFacts;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.VolumeState;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Reads fresh, through one node's agent: a volume's layout, brick states and heal counts
 * (DescribeVolume), the node's glusterd facts (DescribeNode), and what a step would do there
 * (any action in check mode, which changes nothing).
 */
public final class VolumeReader {
    /** The read could not be made: the node is not connected, or glusterd did not answer. */
    public static final class ReadFailedException extends Exception {
        ReadFailedException(String message) {
            super(message);
        }
    }

    private final AgentRegistry registry;
    private final Duration timeout;

    public VolumeReader(AgentRegistry registry, Duration timeout) {
        this.registry = requireNonNull(registry, "registry is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** @param healCounts also read each brick's heal counts, which costs every brick an index crawl */
    public VolumeState read(String node, String volume, boolean healCounts, String requestedBy)
            throws ReadFailedException {
        return describe(node, volume, DescribeVolume.newBuilder().setName(volume).setHealCounts(healCounts),
                requestedBy);
    }

    /** The layout and which bricks are online, without the heal counts. */
    public VolumeState readBrickStates(String node, String volume, String requestedBy) throws ReadFailedException {
        return describe(node, volume, DescribeVolume.newBuilder().setName(volume).setBrickStates(true), requestedBy);
    }

    private VolumeState describe(String node, String volume, DescribeVolume.Builder describe, String requestedBy)
            throws ReadFailedException {
        ActionResult result = send(node, ActionRequest.newBuilder().setDescribeVolume(describe), requestedBy,
                "read volume " + volume);
        if (result.getOutcome() != Outcome.OUTCOME_UNCHANGED) {
            throw new ReadFailedException("cannot read volume " + volume + " on " + node + ": " + result.getSummary());
        }
        return result.getVolume();
    }

    /** The node's glusterd UUID, peers and volumes (DescribeNode without mount points). */
    public NodeFacts readNode(String node, String requestedBy) throws ReadFailedException {
        ActionResult result = send(node, ActionRequest.newBuilder().setDescribe(DescribeNode.getDefaultInstance()),
                requestedBy, "describe glusterd");
        if (result.getOutcome() != Outcome.OUTCOME_UNCHANGED || !result.getFacts().getGlusterdRunning()) {
            throw new ReadFailedException("cannot describe glusterd on " + node + ": " + result.getSummary());
        }
        return result.getFacts();
    }

    /** What {@code action} would do on {@code node}: its result in check mode (WOULD_CHANGE, UNCHANGED, REFUSED...). */
    public ActionResult check(String node, ActionRequest.Builder action, String requestedBy) throws ReadFailedException {
        return send(node, action, requestedBy, "check " + action.getActionCase().name().toLowerCase(Locale.ROOT));
    }

    private ActionResult send(String node, ActionRequest.Builder action, String requestedBy, String what)
            throws ReadFailedException {
        AgentSession session = registry.session(node)
                .orElseThrow(() -> new ReadFailedException(node + " is not connected"));
        ActionRequest request = action.clone()
                .setId(UUID.randomUUID().toString())
                .setMode(Mode.MODE_CHECK)
                .setTimeoutMs((int) timeout.toMillis())
                .setRequestedBy(requestedBy)
                .build();
        try {
            return session.send(request).get();
        } catch (ExecutionException e) {
            throw new ReadFailedException("cannot " + what + " on " + node + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadFailedException("interrupted while trying to " + what + " on " + node);
        }
    }
}
