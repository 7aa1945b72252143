package io.brickwork.coordinator.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.coordinator.testing.Results;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.AgentMessage;
import io.brickwork.proto.agent.v1.EnsureGlusterd;
import io.brickwork.proto.agent.v1.Heartbeat;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AgentGatewayServiceTest {
    @RegisterExtension
    final InProcessCoordinator coordinator = new InProcessCoordinator(Duration.ofMillis(200));

    private static ActionRequest action(String id, int timeoutMs) {
        return ActionRequest.newBuilder().setId(id).setMode(Mode.MODE_CHECK).setTimeoutMs(timeoutMs)
                .setGlusterd(EnsureGlusterd.getDefaultInstance()).build();
    }

    @Test
    void agentIsConnectedOnceWelcomed() throws Exception {
        FakeAgent agent = new FakeAgent(coordinator.channel, "node1", "10.0.0.1", Results.inSync()).connect();

        assertTrue(agent.awaitWelcome());
        assertTrue(coordinator.registry.session("node1").isPresent());
        assertEquals("10.0.0.1", coordinator.registry.session("node1").get().hello().getAddresses(0));
    }

    @Test
    void firstMessageOtherThanHelloEndsTheStreamWithInvalidArgument() throws Exception {
        FakeAgent agent = new FakeAgent(coordinator.channel, "node1", "10.0.0.1", Results.inSync());
        io.brickwork.proto.agent.v1.AgentGatewayGrpc.newStub(coordinator.channel).connect(agent);
        agent.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build());

        assertTrue(agent.awaitEnd());
        assertEquals(Status.Code.INVALID_ARGUMENT, agent.endStatus().getCode());
        assertTrue(coordinator.registry.sessions().isEmpty());
    }

    @Test
    void nodeNameThatIsNotAHostNameIsRefused() throws Exception {
        FakeAgent agent = new FakeAgent(coordinator.channel, "node_1; rm -rf /", "10.0.0.1", Results.inSync()).connect();

        assertTrue(agent.awaitEnd());
        assertEquals(Status.Code.INVALID_ARGUMENT, agent.endStatus().getCode());
        assertTrue(agent.endStatus().getDescription().contains("node_1; rm -rf /"));
    }

    @Test
    void resultCompletesTheActionSentToTheAgent() throws Exception {
        FakeAgent agent = new FakeAgent(coordinator.channel, "node1", "10.0.0.1", Results.inSync()).connect();
        agent.awaitWelcome();

        ActionResult result = coordinator.registry.session("node1").get().send(action("a1", 1000)).get(5, TimeUnit.SECONDS);

        assertEquals(Outcome.OUTCOME_UNCHANGED, result.getOutcome());
        assertEquals("a1", result.getId());
        assertEquals(1, agent.received().size());
    }

    @Test
    void unansweredActionFailsWithTimeoutAfterItsDeadlinePlusGrace() throws Exception {
        FakeAgent agent = new FakeAgent(coordinator.channel, "node1", "10.0.0.1", Results.silent()).connect();
        agent.awaitWelcome();

        CompletableFuture<ActionResult> pending = coordinator.registry.session("node1").get().send(action("a1", 100));

        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> pending.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ActionTimeoutException.class, e.getCause());
    }

    @Test
    void disconnectFailsPendingActionsAndRemovesTheNode() throws Exception {
        FakeAgent agent = new FakeAgent(coordinator.channel, "node1", "10.0.0.1", Results.silent()).connect();
        agent.awaitWelcome();
        CompletableFuture<ActionResult> pending = coordinator.registry.session("node1").get().send(action("a1", 60_000));

        agent.disconnect();

        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> pending.get(5, TimeUnit.SECONDS));
        assertInstanceOf(NodeUnavailableException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("node1"));
        assertFalse(coordinator.registry.session("node1").isPresent());
    }

    @Test
    void reconnectingAgentReplacesItsOldSession() throws Exception {
        FakeAgent first = new FakeAgent(coordinator.channel, "node1", "10.0.0.1", Results.inSync()).connect();
        first.awaitWelcome();
        String firstSession = coordinator.registry.session("node1").get().sessionId();

        FakeAgent second = new FakeAgent(coordinator.channel, "node1", "10.0.0.1", Results.inSync()).connect();
        second.awaitWelcome();

        assertTrue(first.awaitEnd());
        assertEquals(Status.Code.ABORTED, first.endStatus().getCode());
        assertEquals(1, coordinator.registry.sessions().size());
        assertFalse(firstSession.equals(coordinator.registry.session("node1").get().sessionId()));
    }

    @Test
    void aSecondSpellingOfTheSameNameSupersedesTheSessionInsteadOfStandingBesideIt() throws Exception {
        FakeAgent first = new FakeAgent(coordinator.channel, "node1", "10.0.0.1", Results.inSync()).connect();
        first.awaitWelcome();

        FakeAgent second = new FakeAgent(coordinator.channel, "NODE1", "10.0.0.66", Results.inSync()).connect();
        second.awaitWelcome();

        assertTrue(first.awaitEnd());
        assertEquals(1, coordinator.registry.sessions().size());
        assertEquals("10.0.0.66", coordinator.registry.session("node1").get().hello().getAddresses(0));
    }

    @Test
    void reportedAddressesThatAreNotIpLiteralsAreDropped() throws Exception {
        FakeAgent byName = new FakeAgent(coordinator.channel, "node1", "node3.example.com", Results.inSync()).connect();
        FakeAgent zoned = new FakeAgent(coordinator.channel, "node2", "fd00::2%eth0", Results.inSync()).connect();
        assertTrue(byName.awaitWelcome());
        assertTrue(zoned.awaitWelcome());

        assertEquals(List.of(), coordinator.registry.session("node1").get().hello().getAddressesList());
        assertEquals(List.of("fd00::2"), coordinator.registry.session("node2").get().hello().getAddressesList());
    }
}
