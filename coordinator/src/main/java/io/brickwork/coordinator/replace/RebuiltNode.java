package io.brickwork.coordinator.replace;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.agent.v1.GlusterdPeer;
import io.brickwork.proto.coordinator.state.v1.JournaledRestore;
import java.util.ArrayList;
import java.util.List;

/**
 * A node rebuilt under its own name: its fresh glusterd takes back the UUID the pool knows it by,
 * with the pool's other members as its peers.
 */
public record RebuiltNode(String node, String uuid, List<GlusterdPeer> peers) {
    public RebuiltNode {
        requireNonNull(node, "node is null");
        requireNonNull(uuid, "uuid is null");
        peers = List.copyOf(peers);
    }

    public JournaledRestore journaled() {
        return JournaledRestore.newBuilder().setNode(node).setUuid(uuid)
                .addAllPeerUuids(peers.stream().map(GlusterdPeer::getUuid).toList())
                .addAllPeerHostnames(peers.stream().map(GlusterdPeer::getHostname).toList())
                .build();
    }

    public static RebuiltNode from(JournaledRestore journaled) {
        List<GlusterdPeer> peers = new ArrayList<>();
        for (int i = 0; i < Math.min(journaled.getPeerUuidsCount(), journaled.getPeerHostnamesCount()); i++) {
            peers.add(GlusterdPeer.newBuilder().setUuid(journaled.getPeerUuids(i))
                    .setHostname(journaled.getPeerHostnames(i)).build());
        }
        return new RebuiltNode(journaled.getNode(), journaled.getUuid(), peers);
    }
}
