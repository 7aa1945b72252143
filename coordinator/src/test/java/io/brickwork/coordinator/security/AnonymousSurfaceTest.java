package io.brickwork.coordinator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.Results;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What anyone who can reach the port may do, and what the audit log keeps of it and of the agents' sessions. */
class AnonymousSurfaceTest {
    @RegisterExtension
    final TlsCoordinator coordinator = new TlsCoordinator();

    @Test
    void joinFloodFromOneAddressIsRateLimitedAndAudited() {
        String token = coordinator.token(1);
        String wrong = token.substring(0, token.length() - 4) + "0000";
        for (int i = 0; i < JoinRateLimit.DEFAULT_BURST; i++) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> coordinator.join(wrong, "node1"));
            assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        }

        StatusRuntimeException limited = assertThrows(StatusRuntimeException.class, () -> coordinator.join(token, "node1"));

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, limited.getStatus().getCode());
        assertTrue(coordinator.auditLog().contains("\"status\":\"RESOURCE_EXHAUSTED\""));
    }

    @Test
    void agentSessionsAreAuditedWithTheirCertificateTokenAndAddress() throws Exception {
        String token = coordinator.token(1);
        TlsCoordinator.Credentials node = coordinator.join(token, "node1");
        FakeAgent agent = new FakeAgent(coordinator.tls(node), "node1", "10.0.0.1", Results.inSync()).connect();
        assertTrue(agent.awaitWelcome());
        agent.disconnect();

        List<String> sessions = awaitSessionLines(2);

        String tokenId = token.split("-")[3];
        for (String line : sessions) {
            assertTrue(line.contains("\"serial\":\"" + node.serial() + "\""), line);
            assertTrue(line.contains("\"token_id\":\"" + tokenId + "\""), line);
            assertTrue(line.contains("\"remote_address\":\"127.0.0.1\""), line);
            assertTrue(line.contains("\"node_name\":\"node1\""), line);
        }
        assertTrue(sessions.get(0).contains("\"session\":\"connected\""), sessions.get(0));
        assertTrue(sessions.get(1).contains("\"session\":\"disconnected\""), sessions.get(1));
    }

    private List<String> awaitSessionLines(int count) throws InterruptedException {
        List<String> lines = List.of();
        for (int i = 0; i < 100 && lines.size() < count; i++) {
            lines = coordinator.auditLog().lines()
                    .filter(line -> line.contains("\"method\":\"brickwork.agent.v1.AgentGateway/Connect\"")).toList();
            Thread.sleep(20);
        }
        assertEquals(count, lines.size(), lines.toString());
        return lines;
    }
}
