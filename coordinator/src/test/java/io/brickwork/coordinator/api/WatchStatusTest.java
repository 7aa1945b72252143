package io.brickwork.coordinator.api;

import static io.brickwork.coordinator.testing.StatusProblems.has;
import static io.brickwork.coordinator.testing.StatusProblems.onBrick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.coordinator.testing.Reports;
import io.brickwork.coordinator.testing.Results;
import io.brickwork.proto.coordinator.v1.ApplyRequest;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.Health;
import io.brickwork.proto.coordinator.v1.ProblemKind;
import io.brickwork.proto.coordinator.v1.WatchStatusRequest;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WatchStatusTest {
    @RegisterExtension
    final InProcessCoordinator coordinator = new InProcessCoordinator(Duration.ofMillis(500));
    private final List<FakeAgent> agents = new ArrayList<>();
    private final BlockingQueue<GetStatusResponse> received = new LinkedBlockingQueue<>();
    private ClientCallStreamObserver<WatchStatusRequest> call;

    @BeforeEach
    void start() throws Exception {
        for (String node : List.of("node1", "node2", "node3")) {
            agents.add(coordinator.connect(node, "10.0.0." + (agents.size() + 1), Results.inSync()));
        }
        coordinator.api().apply(ApplyRequest.newBuilder().setSpec(CoordinatorServiceTest.SPEC).setSkipVerify(true).build())
                .forEachRemaining(event -> { });
        for (int i = 0; i < agents.size(); i++) {
            agents.get(i).report(Reports.healthy("node" + (i + 1)));
        }
    }

    @AfterEach
    void stop() {
        if (call != null) {
            call.cancel("test over", null);
        }
    }

    private void watch() {
        coordinator.asyncApi().watchStatus(WatchStatusRequest.getDefaultInstance(),
                new ClientResponseObserver<WatchStatusRequest, GetStatusResponse>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<WatchStatusRequest> requestStream) {
                        call = requestStream;
                    }

                    @Override
                    public void onNext(GetStatusResponse value) {
                        received.add(value);
                    }

                    @Override
                    public void onError(Throwable t) { }

                    @Override
                    public void onCompleted() { }
                });
    }

    @Test
    void firstStatusArrivesAtOnce() throws Exception {
        watch();

        GetStatusResponse first = received.poll(2, TimeUnit.SECONDS);

        assertNotNull(first);
        assertEquals(Health.HEALTH_HEALTHY, first.getHealth(), first.getProblemsList().toString());
    }

    @Test
    void changeIsSentAndARepeatedReportIsNot() throws Exception {
        watch();
        assertNotNull(received.poll(2, TimeUnit.SECONDS));

        agents.get(0).report(Reports.healthy("node1"));
        assertNull(received.poll(700, TimeUnit.MILLISECONDS), "the same facts again are no change");

        agents.get(1).report(Reports.brickOffline("node2"));
        GetStatusResponse changed = received.poll(2, TimeUnit.SECONDS);

        assertNotNull(changed);
        assertEquals(Health.HEALTH_DEGRADED, changed.getHealth());
        assertTrue(has(changed, ProblemKind.PROBLEM_KIND_BRICK_OFFLINE, onBrick("node2:/gluster/brick")));
    }

    @Test
    void burstOfChangesIsCoalescedToAtMostOneMessagePerHalfSecond() throws Exception {
        watch();
        assertNotNull(received.poll(2, TimeUnit.SECONDS));

        long start = System.nanoTime();
        agents.get(1).report(Reports.brickOffline("node2"));
        agents.get(1).report(Reports.healthy("node2"));
        agents.get(2).report(Reports.heals("node3", 7, 0));
        GetStatusResponse next = received.poll(2, TimeUnit.SECONDS);

        assertNotNull(next);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(400), "sent too soon after the first");
        assertTrue(has(next, ProblemKind.PROBLEM_KIND_HEAL_PENDING, onBrick("node3:/gluster/brick")),
                next.getProblemsList().toString());
        assertNull(received.poll(700, TimeUnit.MILLISECONDS), "the burst is one message");
    }
}
