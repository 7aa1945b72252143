package io.brickwork.coordinator.swarm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A Swarm in memory; records every label change as "node1 set KEY=VALUE" / "node1 remove KEY". */
final class FakeSwarmApi implements SwarmApi {
    private final Map<String, SwarmNode> nodes = new LinkedHashMap<>();
    private final List<String> changes = new ArrayList<>();
    private SwarmException failure;
    boolean closed;

    synchronized FakeSwarmApi node(String hostname, String address, boolean leader, Map<String, String> labels) {
        String id = "id-" + hostname;
        nodes.put(id, new SwarmNode(id, 1, hostname, address, leader, leader, true, labels));
        return this;
    }

    synchronized void failWith(SwarmException e) {
        failure = e;
    }

    @Override
    public synchronized List<SwarmNode> nodes() throws SwarmException {
        if (failure != null) {
            throw failure;
        }
        return List.copyOf(nodes.values());
    }

    @Override
    public synchronized boolean setLabel(String nodeId, String key, Optional<String> value) throws SwarmException {
        if (failure != null) {
            throw failure;
        }
        SwarmNode node = nodes.get(nodeId);
        if (node == null) {
            throw new AssertionError("no node " + nodeId);
        }
        Map<String, String> labels = new HashMap<>(node.labels());
        if (Optional.ofNullable(labels.get(key)).equals(value)) {
            return false;
        }
        value.ifPresentOrElse(v -> labels.put(key, v), () -> labels.remove(key));
        nodes.put(nodeId, new SwarmNode(nodeId, node.version() + 1, node.hostname(), node.address(), node.manager(),
                node.leader(), node.ready(), labels));
        changes.add(node.hostname() + (value.isPresent() ? " set " + key + "=" + value.get() : " remove " + key));
        return true;
    }

    synchronized Map<String, String> labels(String hostname) {
        return nodes.get("id-" + hostname).labels();
    }

    synchronized List<String> changes() {
        return List.copyOf(changes);
    }

    @Override
    public void close() {
        closed = true;
    }
}
