package io.brickwork.coordinator.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.common.audit.JsonLinesFile;
import io.brickwork.common.grpc.GrpcCleanupExtension;
import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.ApplyRequest;
import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ApiAuditInterceptorTest {
    @RegisterExtension
    final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

    @TempDir
    Path dir;

    @Test
    void aLongApplyIsInTheTrailWhileItRunsNotOnlyWhenItEnds() throws Exception {
        Path log = dir.resolve("audit.log");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ServerServiceDefinition apply = ServerServiceDefinition.builder(CoordinatorGrpc.SERVICE_NAME)
                .addMethod(CoordinatorGrpc.getApplyMethod(), ServerCalls.<ApplyRequest, ApplyEvent>asyncServerStreamingCall(
                        (request, events) -> {
                            running.countDown();
                            awaitQuietly(finish);
                            events.onCompleted();
                        }))
                .build();
        ApiAuditInterceptor audit = new ApiAuditInterceptor(
                new AuditTrail(new JsonLinesFile(log, 1 << 20, 2)), Clock.systemUTC());
        String name = InProcessServerBuilder.generateName();
        grpc.register(InProcessServerBuilder.forName(name).addService(ServerInterceptors.intercept(apply, audit))
                .build().start());
        ManagedChannel channel = grpc.register(InProcessChannelBuilder.forName(name).build());

        Iterator<ApplyEvent> events = CoordinatorGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .apply(ApplyRequest.newBuilder().setSpec("volumes: []").build());
        Thread reader = new Thread(() -> events.hasNext());
        reader.start();
        assertTrue(running.await(10, TimeUnit.SECONDS));

        List<String> whileRunning = lines(log);
        finish.countDown();
        reader.join(10_000);

        assertEquals(1, whileRunning.size(), whileRunning.toString());
        assertTrue(whileRunning.get(0).contains("\"event\":\"started\""), whileRunning.get(0));
        assertTrue(whileRunning.get(0).contains("\"method\":\"brickwork.coordinator.v1.Coordinator/Apply\""),
                whileRunning.get(0));
        assertTrue(whileRunning.get(0).contains("\"spec_sha256\""), whileRunning.get(0));
        List<String> after = awaitLines(log, 2);
        assertTrue(after.get(1).contains("\"status\":\"OK\""), after.get(1));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> awaitLines(Path log, int count) throws IOException, InterruptedException {
        List<String> lines = lines(log);
        for (int i = 0; i < 100 && lines.size() < count; i++) {
            Thread.sleep(50);
            lines = lines(log);
        }
        return lines;
    }

    private static List<String> lines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, UTF_8) : List.of();
    }
}
