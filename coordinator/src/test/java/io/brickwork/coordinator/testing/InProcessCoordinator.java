package io.brickwork.coordinator.testing;

import io.brickwork.common.grpc.GrpcCleanupExtension;
import io.brickwork.coordinator.api.CoordinatorService;
import io.brickwork.coordinator.apply.PlanRunner;
import io.brickwork.coordinator.apply.ReplicationVerifier;
import io.brickwork.coordinator.gateway.AgentGatewayService;
import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.health.GatewayFeed;
import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.health.WatchLists;
import io.brickwork.coordinator.metrics.ApplyRecorder;
import io.brickwork.coordinator.plan.Planner;
import io.brickwork.coordinator.plan.StepTimeouts;
import io.brickwork.coordinator.state.SpecStore;
import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The coordinator's real gateway, health model and API on an in-process server, torn down by the cleanup extension. */
public final class InProcessCoordinator {
    public static final StepTimeouts TIMEOUTS = new StepTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
    public static final Duration REPORT_INTERVAL = Duration.ofSeconds(5);

    public final AgentRegistry registry = new AgentRegistry();
    public final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
    public final ExecutorService steps = Executors.newCachedThreadPool();
    public final AgentGatewayService gateway;
    public final HealthModel health;
    public final ManagedChannel channel;
    public final SpecStore specStore;

    public InProcessCoordinator(GrpcCleanupExtension grpc, Path stateDir, Duration transitGrace) {
        this(grpc, stateDir, transitGrace, Clock.systemUTC(), ApplyRecorder.NONE);
    }

    public InProcessCoordinator(GrpcCleanupExtension grpc, Path stateDir, Duration transitGrace, Clock clock,
            ApplyRecorder applyRecorder) {
        health = new HealthModel(clock, REPORT_INTERVAL);
        WatchLists watchLists = new WatchLists(registry, REPORT_INTERVAL);
        gateway = new AgentGatewayService(registry, Duration.ofSeconds(30), timer, clock, transitGrace, false,
                new GatewayFeed(health, watchLists));
        specStore = new SpecStore(stateDir);
        CoordinatorService api = new CoordinatorService(registry, new Planner(TIMEOUTS),
                new PlanRunner(registry, steps, clock), new ReplicationVerifier(registry, clock, steps),
                health, watchLists, applyRecorder, specStore, Duration.ofSeconds(2), timer, steps);
        api.start();
        String name = InProcessServerBuilder.generateName();
        try {
            grpc.register(InProcessServerBuilder.forName(name).directExecutor()
                    .addService(gateway).addService(api).build().start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        channel = grpc.register(InProcessChannelBuilder.forName(name).directExecutor().build());
    }

    public CoordinatorGrpc.CoordinatorBlockingStub api() {
        return CoordinatorGrpc.newBlockingStub(channel);
    }

    public CoordinatorGrpc.CoordinatorStub asyncApi() {
        return CoordinatorGrpc.newStub(channel);
    }

    public void close() {
        timer.shutdownNow();
        steps.shutdownNow();
    }
}
