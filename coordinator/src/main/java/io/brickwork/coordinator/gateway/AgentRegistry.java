package io.brickwork.coordinator.gateway;

import io.grpc.Status;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which nodes are connected right now: at most one open session per node name. Names are keyed
 * lower-cased, as DNS and the certificate check compare them: NODE1 and node1 are one node, so
 * a second session under another spelling supersedes the first instead of standing beside it.
 */
public final class AgentRegistry {
    private final ConcurrentMap<String, AgentSession> sessions = new ConcurrentHashMap<>();

    /** The newest connection wins: an agent that redials must not be locked out by its own stale stream. */
    void register(AgentSession session) {
        AgentSession previous = sessions.put(key(session.node()), session);
        if (previous != null && previous != session) {
            previous.close(Status.ABORTED.withDescription("superseded by a newer connection from " + session.node()));
        }
    }

    void unregister(AgentSession session) {
        sessions.remove(key(session.node()), session);
    }

    /** Cuts the node's stream, if it has one, with this status. @return whether there was one */
    public boolean disconnect(String node, Status status) {
        AgentSession session = sessions.remove(key(node));
        if (session == null) {
            return false;
        }
        session.close(status);
        return true;
    }

    public Optional<AgentSession> session(String node) {
        AgentSession session = sessions.get(key(node));
        return session != null && session.isOpen() ? Optional.of(session) : Optional.empty();
    }

    private static String key(String node) {
        return node.toLowerCase(Locale.ROOT);
    }

    public List<AgentSession> sessions() {
        return sessions.values().stream()
                .filter(AgentSession::isOpen)
                .sorted(Comparator.comparing(AgentSession::node))
                .toList();
    }
}
