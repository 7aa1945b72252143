package io.brickwork.coordinator.health.rules;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.health.facts.KnownFacts;
import io.brickwork.coordinator.health.facts.NodeObservation;
import io.brickwork.proto.agent.v1.DiskReport;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.coordinator.v1.DiskStatus;
import io.brickwork.proto.coordinator.v1.GlusterTlsStatus;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import io.brickwork.proto.coordinator.v1.NodeState;
import java.util.Optional;

/**
 * A node as status shows it: its connection and, unless it is DOWN, what its last report says of
 * the host, glusterd and the peer table. Last seen is not part of it (see {@link Input}).
 */
public final class NodeView {
    private NodeView() {}

    /**
     * @param observation what is known of the node's agent, its last seen time left out: that
     *     moves with every message, and the node's view does not depend on it
     */
    public record Input(String node, NodeState state, Optional<NodeObservation> observation) {
        public Input {
            requireNonNull(node, "node is null");
            requireNonNull(state, "state is null");
            observation = observation.map(NodeObservation::withoutLastSeen);
        }
    }

    public static NodeInfo info(Input input, Now now) {
        NodeInfo.Builder info = NodeInfo.newBuilder().setName(input.node()).setState(input.state());
        if (input.observation().isEmpty()) {
            return info.build();
        }
        NodeObservation observation = input.observation().get();
        info.setConnected(observation.open())
                .setAgentVersion(observation.agentVersion())
                .addAllAddresses(observation.addresses());
        if (observation.open()) {
            info.setConnectedSinceUnixMs(observation.connectedSinceMillis());
        }
        if (observation.facts().isEmpty()) {
            return info.build();
        }
        info.setLastReportUnixMs(observation.reportReceivedMillis());
        if (input.state() == NodeState.NODE_STATE_DOWN) {
            return info.build();
        }
        KnownFacts facts = observation.facts().get();
        NodeReport report = facts.report();
        if (facts.glusterdStale()) {
            info.setGlusterdStale(true).setGlusterdReadUnixMs(facts.glusterdReadMillis());
            if (!GlusterdRule.known(facts, now)) {
                // Unknown, which the message says with glusterd_running unset.
                report = report.toBuilder().setGlusterdRunning(false).clearPeers().build();
            }
        }
        info.setGlusterdRunning(report.getGlusterdRunning())
                .setLoad1(report.getLoad1())
                .setMemoryTotalBytes(report.getMemoryTotalBytes())
                .setMemoryAvailableBytes(report.getMemoryAvailableBytes());
        for (DiskReport disk : report.getDisksList()) {
            info.addDisks(DiskStatus.newBuilder().setPath(disk.getPath()).setTotalBytes(disk.getTotalBytes())
                    .setFreeBytes(disk.getFreeBytes()).setInodesTotal(disk.getInodesTotal())
                    .setInodesFree(disk.getInodesFree()));
        }
        report.getPeersList().forEach(peer -> info.addPeers(PeerRule.status(peer)));
        info.setGlusterTls(GlusterTlsStatus.newBuilder()
                .setManagement(report.getGlusterTls().getManagement())
                .setCertificateNotAfterUnixMs(report.getGlusterTls().getCertificateNotAfterUnixMs()));
        return info.build();
    }
}
