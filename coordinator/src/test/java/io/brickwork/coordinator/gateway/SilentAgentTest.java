package io.brickwork.coordinator.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.common.grpc.GrpcCleanupExtension;
import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.Results;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node whose agent stops talking is dropped after three heartbeat intervals, not before. */
class SilentAgentTest {
    @RegisterExtension
    final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private Instant now = Instant.parse("2026-11-25T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void agentSilentForThreeIntervalsIsDroppedAndItsStreamEnded() throws Exception {
        AgentRegistry registry = new AgentRegistry();
        AgentGatewayService gateway = new AgentGatewayService(registry, Duration.ofSeconds(5), timer, clock,
                Duration.ofSeconds(1), false);
        String name = InProcessServerBuilder.generateName();
        grpc.register(InProcessServerBuilder.forName(name).directExecutor().addService(gateway).build().start());
        ManagedChannel channel = grpc.register(InProcessChannelBuilder.forName(name).directExecutor().build());
        FakeAgent agent = new FakeAgent(channel, "node2", "10.0.0.2", Results.inSync()).connect();
        assertTrue(agent.awaitWelcome());

        now = now.plusSeconds(15);
        gateway.heartbeatAll();
        assertTrue(registry.session("node2").isPresent(), "exactly three intervals is not yet silence");

        now = now.plusMillis(1);
        gateway.heartbeatAll();

        assertFalse(registry.session("node2").isPresent());
        assertTrue(agent.awaitEnd());
        assertEquals(Status.Code.UNAVAILABLE, agent.endStatus().getCode());
    }
}
