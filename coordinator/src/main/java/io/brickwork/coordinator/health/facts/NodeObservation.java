package io.brickwork.coordinator.health.facts;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.agent.v1.NodeReport;
import java.util.List;
import java.util.Optional;

/**
 * What the coordinator knows of one node's agent at one moment: its connection and its last
 * report. Times are the coordinator's own clock (when the report arrived), never the agent's,
 * so clock skew between machines cannot make a node look stale or fresh.
 *
 * @param sessionId the connection the facts came from; a later connection replaces them
 * @param facts what this connection's reports told, part by part; empty before the first report
 * @param reportReceivedMillis when the last report arrived; 0 when there is none
 */
public record NodeObservation(String node, String sessionId, boolean open, String agentVersion, List<String> addresses,
        long connectedSinceMillis, long lastSeenMillis, Optional<KnownFacts> facts, long reportReceivedMillis) {
    public NodeObservation {
        requireNonNull(node, "node is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(agentVersion, "agentVersion is null");
        addresses = List.copyOf(addresses);
        requireNonNull(facts, "facts is null");
    }

    /** The last report with the parts it could not read filled in from earlier ones. */
    public Optional<NodeReport> report() {
        return facts.map(KnownFacts::report);
    }

    public NodeObservation seen(long millis) {
        return new NodeObservation(node, sessionId, open, agentVersion, addresses, connectedSinceMillis,
                Math.max(lastSeenMillis, millis), facts, reportReceivedMillis);
    }

    public NodeObservation reported(NodeReport newReport, long millis) {
        return new NodeObservation(node, sessionId, open, agentVersion, addresses, connectedSinceMillis,
                Math.max(lastSeenMillis, millis), Optional.of(KnownFacts.merge(facts, newReport, millis)), millis);
    }

    public NodeObservation closed() {
        return new NodeObservation(node, sessionId, false, agentVersion, addresses, connectedSinceMillis,
                lastSeenMillis, facts, reportReceivedMillis);
    }

    /** Since when the node owes a report: its last one, or its connection when it has sent none yet. */
    public long reportClockStartMillis() {
        return facts.isPresent() ? reportReceivedMillis : connectedSinceMillis;
    }

    /**
     * This observation without its last seen time, which moves with every message the node
     * sends: what the node's view is built from.
     */
    public NodeObservation withoutLastSeen() {
        return lastSeenMillis == 0 ? this : new NodeObservation(node, sessionId, open, agentVersion, addresses,
                connectedSinceMillis, 0, facts, reportReceivedMillis);
    }
}
