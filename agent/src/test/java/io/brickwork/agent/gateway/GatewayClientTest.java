package io.brickwork.agent.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.actions.ActionExecutor;
import io.brickwork.common.grpc.GrpcCleanupExtension;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.EnsureGlusterd;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.WatchList;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GatewayClientTest {
    @RegisterExtension
    final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

    private final FakeCoordinator coordinator = new FakeCoordinator();
    private final List<ActionRequest> executed = new CopyOnWriteArrayList<>();
    private final FakeNodeReporter reporter = new FakeNodeReporter();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService actions = Executors.newFixedThreadPool(2);
    private ManagedChannel channel;
    private GatewayClient client;

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        grpc.register(InProcessServerBuilder.forName(name).directExecutor().addService(coordinator).build().start());
        channel = grpc.register(InProcessChannelBuilder.forName(name).directExecutor().build());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.stop();
        }
        scheduler.shutdownNow();
        actions.shutdownNow();
    }

    private GatewayClient client(ActionExecutor executor) {
        unstarted(executor, channel).start();
        return client;
    }

    private GatewayClient unstarted(ActionExecutor executor, Channel channel) {
        client = new GatewayClient(channel, executor, reporter,
                new AgentIdentity("node2", "1.2.3", "host2", List.of("10.213.0.12")), Duration.ofMillis(100),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), () -> 0.5), scheduler, actions,
                Clock.systemUTC());
        return client;
    }

    private ActionExecutor recording(Outcome outcome) {
        return (request, requester) -> {
            executed.add(request);
            return ActionResult.newBuilder().setId(request.getId()).setOutcome(outcome).setSummary("done").build();
        };
    }

    private static ActionRequest action(String id) {
        return ActionRequest.newBuilder().setId(id).setMode(Mode.MODE_APPLY).setTimeoutMs(1000)
                .setGlusterd(EnsureGlusterd.getDefaultInstance()).build();
    }

    @Test
    void helloCarriesNodeNameVersionAndAddresses() throws Exception {
        client(recording(Outcome.OUTCOME_UNCHANGED));

        assertTrue(coordinator.awaitHellos(1));
        assertEquals("node2", coordinator.hellos.get(0).getNodeName());
        assertEquals("1.2.3", coordinator.hellos.get(0).getAgentVersion());
        assertEquals(List.of("10.213.0.12"), coordinator.hellos.get(0).getAddressesList());
    }

    @Test
    void actionFromTheCoordinatorIsExecutedAndAnsweredWithItsId() throws Exception {
        client(recording(Outcome.OUTCOME_CHANGED));
        coordinator.awaitHellos(1);

        coordinator.send(action("a-1"));

        ActionResult result = coordinator.awaitResult();
        assertNotNull(result);
        assertEquals("a-1", result.getId());
        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(List.of(action("a-1")), executed);
    }

    @Test
    void executorThatThrowsStillProducesAFailedResult() throws Exception {
        client((request, requester) -> {
            throw new IllegalStateException("boom");
        });
        coordinator.awaitHellos(1);

        coordinator.send(action("a-2"));

        ActionResult result = coordinator.awaitResult();
        assertEquals("a-2", result.getId());
        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertTrue(result.getFailure().getMessage().contains("boom"));
    }

    @Test
    void agentRedialsAndSaysHelloAgainAfterTheStreamIsCut() throws Exception {
        client(recording(Outcome.OUTCOME_UNCHANGED));
        coordinator.awaitHellos(1);

        coordinator.cut();

        assertTrue(coordinator.awaitHellos(2));
        assertEquals("node2", coordinator.hellos.get(1).getNodeName());
    }

    @Test
    void agentRedialsWhenTheCoordinatorFallsSilent() throws Exception {
        // The fake never sends heartbeats: after three 100 ms intervals of silence the agent gives up on the stream.
        client(recording(Outcome.OUTCOME_UNCHANGED));

        assertTrue(coordinator.awaitHellos(2));
    }

    @Test
    void agentKeepsDialingUntilACoordinatorAnswers() throws Exception {
        coordinator.welcome = false;
        client(recording(Outcome.OUTCOME_UNCHANGED));
        coordinator.awaitHellos(1);
        coordinator.cut();
        assertTrue(coordinator.awaitHellos(2));
        coordinator.welcome = true;
        coordinator.cut();

        assertTrue(coordinator.awaitHellos(3));
        long deadline = System.currentTimeMillis() + 2000;
        while (!client.connected() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(client.connected());
    }

    @Test
    void watchListFromTheCoordinatorReachesTheReporter() throws Exception {
        client(recording(Outcome.OUTCOME_UNCHANGED));
        coordinator.awaitHellos(1);
        WatchList watch = WatchList.newBuilder().addMountPoints("/mnt/shared").addBrickPaths("/gluster/b1")
                .setReportIntervalMs(2000).build();

        coordinator.send(watch);

        assertEquals(watch, reporter.awaitWatch());
    }

    @Test
    void reportFromTheReporterReachesTheCoordinatorOnceWelcomed() throws Exception {
        client(recording(Outcome.OUTCOME_UNCHANGED));
        coordinator.awaitHellos(1);
        NodeReport report = NodeReport.newBuilder().setGlusterdRunning(true).setTimeUnixMs(42).build();

        reporter.awaitStarted().accept(report);

        assertEquals(report, coordinator.awaitReport());
    }

    @Test
    void reporterStopsWithTheClient() throws Exception {
        client(recording(Outcome.OUTCOME_UNCHANGED));
        coordinator.awaitHellos(1);
        reporter.awaitStarted();

        client.stop();

        assertTrue(reporter.stopped());
    }

    @Test
    void noHeartbeatIsSentWhileReportsKeepTheStreamBusy() throws Exception {
        client(recording(Outcome.OUTCOME_UNCHANGED));
        coordinator.awaitHellos(1);
        java.util.function.Consumer<NodeReport> send = reporter.awaitStarted();
        Thread.sleep(150);
        int before = coordinator.heartbeats.get();

        for (int i = 0; i < 8; i++) { // 400 ms of reports every 50 ms, heartbeat interval 100 ms
            send.accept(NodeReport.newBuilder().setTimeUnixMs(i).build());
            Thread.sleep(50);
        }
        int during = coordinator.heartbeats.get() - before;
        Thread.sleep(250); // quiet again: heartbeats resume
        int after = coordinator.heartbeats.get() - before - during;

        assertEquals(0, during, "reports alone show the agent is alive");
        assertTrue(after >= 1, "a quiet stream heartbeats again: " + after);
    }

    @Test
    void stoppingDuringADialCancelsTheCallOnlyOnceItHasStarted() throws Exception {
        // CI once caught the agent stopping while a redial was under way: the cancel ran inside the
        // call's start and gRPC's in-process transport failed with a NullPointerException.
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch starting = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        ClientInterceptor gate = new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                    Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        events.add("start");
                        starting.countDown();
                        awaitUninterruptibly(proceed);
                        super.start(listener, headers);
                        events.add("started");
                    }

                    @Override
                    public void cancel(String message, Throwable cause) {
                        events.add("cancel");
                        super.cancel(message, cause);
                    }
                };
            }
        };
        GatewayClient dialing = unstarted(recording(Outcome.OUTCOME_UNCHANGED), ClientInterceptors.intercept(channel, gate));
        Thread dialer = new Thread(dialing::start, "dialer");
        dialer.start();
        assertTrue(starting.await(5, TimeUnit.SECONDS));

        Thread stopper = new Thread(dialing::stop, "stopper");
        stopper.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stopper.getState() != Thread.State.BLOCKED && stopper.getState() != Thread.State.TERMINATED
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        proceed.countDown();
        dialer.join(5000);
        stopper.join(5000);

        assertEquals(List.of("start", "started", "cancel"), events);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
