package io.brickwork.coordinator.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import io.brickwork.common.grpc.GrpcCleanupExtension;
import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.coordinator.testing.InProcessTransport;
import io.brickwork.coordinator.testing.Reports;
import io.brickwork.coordinator.testing.Results;
import io.brickwork.coordinator.testing.Specs;
import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.ApplyRequest;
import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.brickwork.proto.coordinator.v1.GetStatusRequest;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.Health;
import io.brickwork.proto.coordinator.v1.PlanRequest;
import io.brickwork.proto.coordinator.v1.PlanResponse;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The injector {@code brickwork serve} builds, every feature module, behind an in-process door. */
class CoordinatorMainTest {
    @RegisterExtension
    final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

    @TempDir
    Path dir;

    private final InProcessTransport transport = new InProcessTransport();
    private Lifecycle lifecycle;

    private Injector production() {
        return CoordinatorMain.injector(CoordinatorMain.modules(InProcessCoordinator.settings(dir.resolve("state"),
                dir.resolve("run/admin.sock"), dir.resolve("log/audit.log"), Duration.ofMillis(500)), transport));
    }

    @AfterEach
    void stop() {
        if (lifecycle != null) {
            lifecycle.stop();
        }
    }

    @Test
    void buildingTheCoordinatorTouchesNoFile() {
        production();

        assertFalse(Files.exists(dir.resolve("state")));
        assertFalse(Files.exists(dir.resolve("run")));
        assertFalse(Files.exists(dir.resolve("log")));
    }

    @Test
    void theProductionModulesPlanApplyAndReportStatusWithAgentsConnected() throws Exception {
        lifecycle = production().getInstance(Lifecycle.class);
        lifecycle.start();
        ManagedChannel channel = grpc.register(transport.channel());
        List<FakeAgent> agents = new ArrayList<>();
        for (String node : List.of("node1", "node2", "node3")) {
            FakeAgent agent = new FakeAgent(channel, node, "10.0.0." + node.charAt(4), Results.fresh()).connect();
            assertTrue(agent.awaitWelcome(), node);
            agents.add(agent);
        }
        CoordinatorGrpc.CoordinatorBlockingStub api = CoordinatorGrpc.newBlockingStub(channel);

        PlanResponse plan = api.plan(PlanRequest.newBuilder().setSpec(Specs.STAGING).build());
        assertTrue(plan.getChangeCount() > 0, plan::toString);

        List<ApplyEvent> events = new ArrayList<>();
        api.apply(ApplyRequest.newBuilder().setSpec(Specs.STAGING).setSkipVerify(true).build()).forEachRemaining(events::add);
        ApplyEvent last = events.get(events.size() - 1);
        assertTrue(last.hasFinished() && last.getFinished().getSuccess(), last::toString);

        for (int i = 0; i < agents.size(); i++) {
            agents.get(i).report(Reports.healthy("node" + (i + 1)));
        }
        GetStatusResponse status = awaitHealthy(api);
        assertEquals(Health.HEALTH_HEALTHY, status.getHealth(), status.getProblemsList().toString());
        assertTrue(Files.exists(dir.resolve("state/ca/ca.crt")), "the cluster CA was made at start");
    }

    private static GetStatusResponse awaitHealthy(CoordinatorGrpc.CoordinatorBlockingStub api) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        GetStatusResponse status = api.getStatus(GetStatusRequest.getDefaultInstance());
        while (status.getHealth() != Health.HEALTH_HEALTHY && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = api.getStatus(GetStatusRequest.getDefaultInstance());
        }
        return status;
    }
}
