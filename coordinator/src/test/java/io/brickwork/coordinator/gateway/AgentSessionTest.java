package io.brickwork.coordinator.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.proto.agent.v1.CoordinatorMessage;
import io.brickwork.proto.agent.v1.Hello;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class AgentSessionTest {
    private static final StreamObserver<CoordinatorMessage> NOWHERE = new StreamObserver<>() {
        @Override
        public void onNext(CoordinatorMessage value) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
    };

    private static AgentSession session(Optional<String> remote, String... reported) {
        Hello hello = Hello.newBuilder().setNodeName("node1").addAllAddresses(java.util.List.of(reported)).build();
        return new AgentSession("s", hello, remote, NOWHERE, Clock.systemUTC(),
                Executors.newSingleThreadScheduledExecutor(), Duration.ofSeconds(1));
    }

    @Test
    void addressTheStreamComesFromWinsOverTheReportedOnes() {
        assertEquals(Optional.of("10.213.0.11"), session(Optional.of("10.213.0.11"), "172.17.0.1", "10.213.0.11")
                .preferredAddress());
    }

    @Test
    void loopbackStreamFallsBackToTheFirstReportedAddress() {
        assertEquals(Optional.of("10.0.0.5"), session(Optional.of("127.0.0.1"), "10.0.0.5").preferredAddress());
    }

    @Test
    void noAddressAtAllIsEmpty() {
        assertEquals(Optional.empty(), session(Optional.empty()).preferredAddress());
    }
}
