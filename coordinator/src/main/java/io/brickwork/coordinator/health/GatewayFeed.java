package io.brickwork.coordinator.health;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.gateway.AgentGatewayService;
import io.brickwork.coordinator.gateway.AgentSession;
import io.brickwork.proto.agent.v1.NodeReport;

/** What the agent streams tell the health model, and the watch list every new stream gets. */
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
        watchLists.send(session, model.spec());
    }

    @Override
    public void seen(AgentSession session) {
        model.seen(session.node(), session.sessionId());
    }

    @Override
    public void reported(AgentSession session, NodeReport report) {
        model.reported(session.node(), session.sessionId(), report);
    }

    @Override
    public void disconnected(AgentSession session) {
        model.disconnected(session.node(), session.sessionId());
    }
}
