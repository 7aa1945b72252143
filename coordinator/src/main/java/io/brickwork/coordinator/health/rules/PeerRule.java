package io.brickwork.coordinator.health.rules;

import io.brickwork.coordinator.health.problems.Problem;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.PeerFact;
import io.brickwork.proto.coordinator.v1.PeerStatus;
import java.util.List;

/** The gluster pool as the manager's peer table shows it: every peer in it should be connected. */
public final class PeerRule {
    private PeerRule() {}

    public static PeerStatus status(PeerFact peer) {
        return PeerStatus.newBuilder().setHostname(peer.getHostname()).setConnected(peer.getConnected())
                .setState(peer.getState()).build();
    }

    /** @param manager the node whose table it is */
    public static List<Problem> problems(String manager, NodeReport managerReport) {
        return managerReport.getPeersList().stream().filter(peer -> !peer.getConnected())
                .map(peer -> Problem.peerDisconnected(manager, peer.getHostname())).toList();
    }
}
