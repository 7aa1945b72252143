package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.gateway.AgentGatewayService;
import io.brickwork.coordinator.gateway.AgentSession;
import io.brickwork.proto.agent.v1.NodeReport;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Puts every agent session in the audit log when it starts and when it ends: which
 * certificate (serial, and the join token it descends from), from which address. A session
 * started with a renewed certificate revokes the node's older ones. Wraps the gateway's other
 * listener, so it needs no wiring of its own.
 */
public final class SessionAudit implements AgentGatewayService.Listener {
    private static final String METHOD = "brickwork.agent.v1.AgentGateway/Connect";

    private final AuditTrail audit;
    private final IssuedCertificates issued;
    private final Clock clock;
    private final AgentGatewayService.Listener next;
    /** The caller as seen when the session started: disconnects are told on whatever thread ended them. */
    private final ConcurrentMap<String, Caller> callers = new ConcurrentHashMap<>();

    public SessionAudit(AuditTrail audit, IssuedCertificates issued, Clock clock, AgentGatewayService.Listener next) {
        this.audit = requireNonNull(audit, "audit is null");
        this.issued = requireNonNull(issued, "issued is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.next = requireNonNull(next, "next is null");
    }

    @Override
    public void connected(AgentSession session) {
        try {
            // Told on the stream's own thread, inside its call: Caller.current() is the agent.
            Caller caller = Caller.current();
            callers.put(session.sessionId(), caller);
            List<String> retired = caller.hasCertificate() ? issued.retireOlderThan(session.node(), caller.serial())
                    : List.of();
            record(session, caller, "connected", null, retired);
        } finally {
            next.connected(session);
        }
    }

    @Override
    public void seen(AgentSession session) {
        next.seen(session);
    }

    @Override
    public void reported(AgentSession session, NodeReport report) {
        next.reported(session, report);
    }

    @Override
    public void disconnected(AgentSession session) {
        try {
            Caller caller = callers.remove(session.sessionId());
            record(session, caller == null ? Caller.ANONYMOUS : caller, "disconnected",
                    clock.millis() - session.connectedSinceMillis(), List.of());
        } finally {
            next.disconnected(session);
        }
    }

    private void record(AgentSession session, Caller caller, String event, Long durationMs, List<String> retired) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.ofEpochMilli(clock.millis()).toString());
        entry.put("caller", caller.describe());
        caller.remoteAddress().ifPresent(address -> entry.put("remote_address", address));
        entry.put("method", METHOD);
        entry.put("session", event);
        entry.put("node_name", session.node());
        entry.put("session_id", session.sessionId());
        if (caller.hasCertificate()) {
            entry.put("serial", caller.serial());
            issued.find(new CertificateReference(CertificateReference.Kind.SERIAL, caller.serial()))
                    .filter(certificate -> !certificate.getTokenId().isEmpty())
                    .ifPresent(certificate -> entry.put("token_id", certificate.getTokenId()));
        }
        entry.put("agent_version", Printable.capped(session.hello().getAgentVersion()));
        if (durationMs != null) {
            entry.put("duration_ms", durationMs);
        }
        if (!retired.isEmpty()) {
            entry.put("revoked_superseded_serials", String.join(",", retired));
        }
        audit.record(entry);
    }
}
