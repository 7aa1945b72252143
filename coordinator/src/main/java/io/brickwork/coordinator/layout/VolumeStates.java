package io.brickwork.coordinator.layout;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.gateway.AgentSession;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Brick;
import io.brickwork.proto.agent.v1.DescribeVolume;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.VolumeState;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Reads a volume's layout, heal counts and last rebalance fresh through one node's agent
 * (DescribeVolume): what a layout change decides on and waits for, never cached reports.
 */
public final class VolumeStates {
    /** The read could not be made: the node is not connected, or glusterd did not answer. */
    public static final class ReadFailedException extends Exception {
        ReadFailedException(String message) {
            super(message);
        }
    }

    private final AgentRegistry registry;
    private final Duration timeout;

    public VolumeStates(AgentRegistry registry, Duration timeout) {
        this.registry = requireNonNull(registry, "registry is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /**
     * @param healCounts also which bricks are online and their heal counts (an index crawl per brick)
     * @param rebalance also the volume's last rebalance
     */
    public VolumeState read(String node, String volume, boolean healCounts, boolean rebalance, String requestedBy)
            throws ReadFailedException {
        return read(node, volume, healCounts, rebalance, List.of(), requestedBy);
    }

    /** @param removing also the migration off these bricks ("host:path") */
    public VolumeState read(String node, String volume, boolean healCounts, boolean rebalance, List<String> removing,
            String requestedBy) throws ReadFailedException {
        return read(node, DescribeVolume.newBuilder().setName(volume).setHealCounts(healCounts).setRebalance(rebalance)
                .addAllRemoving(removing.stream().map(VolumeStates::brick).toList()), requestedBy);
    }

    /** The layout and which bricks are online ({@code volume status}), without the heal counts' index crawl. */
    public VolumeState brickStates(String node, String volume, String requestedBy) throws ReadFailedException {
        return read(node, DescribeVolume.newBuilder().setName(volume).setBrickStates(true), requestedBy);
    }

    /**
     * The volume's last rebalance alone, without its layout (DescribeVolume.progress_only): what a
     * wait reads every second. When that read fails or finds none, the layout is read too.
     */
    public VolumeState rebalanceProgress(String node, String volume, String requestedBy) throws ReadFailedException {
        return read(node, DescribeVolume.newBuilder().setName(volume).setRebalance(true).setProgressOnly(true),
                requestedBy);
    }

    /** The migration off {@code removing} alone, as {@link #rebalanceProgress}. */
    public VolumeState migrationProgress(String node, String volume, List<String> removing, String requestedBy)
            throws ReadFailedException {
        return read(node, DescribeVolume.newBuilder().setName(volume).setProgressOnly(true)
                .addAllRemoving(removing.stream().map(VolumeStates::brick).toList()), requestedBy);
    }

    private VolumeState read(String node, DescribeVolume.Builder describe, String requestedBy)
            throws ReadFailedException {
        String volume = describe.getName();
        AgentSession session = registry.session(node)
                .orElseThrow(() -> new ReadFailedException(node + " is not connected"));
        ActionRequest request = ActionRequest.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setMode(Mode.MODE_CHECK)
                .setTimeoutMs((int) timeout.toMillis())
                .setRequestedBy(requestedBy)
                .setDescribeVolume(describe)
                .build();
        ActionResult result;
        try {
            result = session.send(request).get();
        } catch (ExecutionException e) {
            throw new ReadFailedException("cannot read volume " + volume + " on " + node + ": "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadFailedException("interrupted while reading volume " + volume);
        }
        if (result.getOutcome() != Outcome.OUTCOME_UNCHANGED) {
            throw new ReadFailedException("cannot read volume " + volume + " on " + node + ": " + result.getSummary());
        }
        return result.getVolume();
    }

    static Brick brick(String brick) {
        int colon = brick.indexOf(':');
        return Brick.newBuilder().setHost(brick.substring(0, colon)).setPath(brick.substring(colon + 1)).build();
    }
}
