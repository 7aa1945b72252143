package io.brickwork.agent.gluster;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The last rebalance (or remove-brick migration) of a volume as {@code --xml} status reports it:
 * one entry per node that runs a part of it, and the aggregate.
 *
 * @param taskId glusterd's id of the task, new with every start
 */
public record RebalanceStatus(String taskId, List<Node> nodes, Node aggregate) {
    public RebalanceStatus {
        requireNonNull(taskId, "taskId is null");
        nodes = List.copyOf(nodes);
        requireNonNull(aggregate, "aggregate is null");
    }

    /**
     * @param status gluster's statusStr: "in progress", "completed", "stopped", "failed", ...
     * @param files files moved; {@code scanned} is gluster's "lookups"
     */
    public record Node(String node, String status, long files, long sizeBytes, long scanned, long failures,
            long skipped, double runtimeSeconds) {
        public Node {
            requireNonNull(node, "node is null");
            requireNonNull(status, "status is null");
        }
    }

    public String status() {
        return aggregate.status();
    }
}
