package io.brickwork.coordinator.health;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.gateway.AgentGatewayService;
import io.brickwork.coordinator.gateway.AgentSession;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.ReportPart;

/**
 * What the agent streams tell the health model, and the watch lists: a new stream gets its
 * own, and a node coming, going or its glusterd stopping or starting may move a volume's heal
 * reads to another node.
 */
public final class GatewayFeed implements AgentGatewayService.Listener {
    private final HealthModel model;
    private final WatchLists watchLists;

    public GatewayFeed(HealthModel model, WatchLists watchLists) {
        this.model = requireNonNull(model, "model is null");
        this.watchLists = requireNonNull(watchLists, "watchLists is null");
    }

    @Override
    public void connected(AgentSession session) {
        model.connected(session.sessionId(), session.hello(), session.connectedSinceMillis());
        watchLists.forget(session.node());
        watchLists.changed(session.node(), model.spec());
    }

    @Override
    public void seen(AgentSession session) {
        model.seen(session.node(), session.sessionId());
    }

    @Override
    public void reported(AgentSession session, NodeReport report) {
        model.reported(session.node(), session.sessionId(), report);
        if (saysWhetherGlusterdRuns(report) && watchLists.glusterdRunning(session.node(), report.getGlusterdRunning())) {
            watchLists.changed(session.node(), model.spec());
        }
    }

    /** A peer table that timed out says nothing about glusterd (see {@link io.brickwork.coordinator.health.facts.KnownFacts}). */
    private static boolean saysWhetherGlusterdRuns(NodeReport report) {
        return report.getUnreadList().stream()
                .noneMatch(part -> part.getPart() == ReportPart.REPORT_PART_PEERS && part.getUnknown());
    }

    @Override
    public void disconnected(AgentSession session) {
        model.disconnected(session.node(), session.sessionId());
        watchLists.forget(session.node());
        watchLists.changed(session.node(), model.spec());
    }
}
