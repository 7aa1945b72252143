package io.brickwork.coordinator.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.proto.coordinator.state.v1.JournaledOperation;
import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.OperationState;
import io.brickwork.proto.coordinator.v1.OperationSummary;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationsTest {
    @TempDir
    Path dir;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    /** An operation's end writes the journal once more: not into a temporary directory being deleted. */
    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "an operation did not end");
    }

    private Operations operations() {
        return new Operations(new OperationJournal(dir), executor, Clock.systemUTC());
    }

    private static JournaledOperation apply() {
        return JournaledOperation.newBuilder().setKind("apply").setSpec("cluster {}").setRequestedBy("test").build();
    }

    @Test
    void aSecondOperationIsRefusedNamingTheRunningOne() throws Exception {
        Operations operations = operations();
        CountDownLatch release = new CountDownLatch(1);
        Operation first = operations.start(apply(), operation -> {
            await(release);
            return new Operations.Outcome(true, "done");
        });

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> operations.start(apply(), operation -> new Operations.Outcome(true, "done")));

        assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains(first.id()), refused.getStatus().getDescription());
        release.countDown();
    }

    @Test
    void aWatcherThatAttachesLateGetsWhatWasReportedThenTheRest() throws Exception {
        Operations operations = operations();
        CountDownLatch release = new CountDownLatch(1);
        Operation operation = operations.start(apply(), running -> {
            running.stepFinished(step("hosts"));
            await(release);
            running.stepFinished(step("packages"));
            return new Operations.Outcome(true, "done");
        });
        RecordingWatcher early = new RecordingWatcher();
        operation.watch(early);
        early.awaitEvents(1);

        RecordingWatcher late = new RecordingWatcher();
        operation.watch(late);
        release.countDown();

        late.awaitCompleted();
        assertEquals(List.of("hosts", "packages"), late.steps());
        assertEquals(OperationState.OPERATION_STATE_SUCCEEDED, late.events.get(late.events.size() - 1).getOperation()
                .getState());
    }

    @Test
    void aWatcherThatGoesAwayLeavesTheOperationRunning() throws Exception {
        Operations operations = operations();
        CountDownLatch release = new CountDownLatch(1);
        Operation operation = operations.start(apply(), running -> {
            await(release);
            running.stepFinished(step("hosts"));
            return new Operations.Outcome(true, "done");
        });
        RecordingWatcher leaving = new RecordingWatcher();
        operation.watch(leaving);
        leaving.cancel();

        release.countDown();

        awaitFinished(operation);
        assertTrue(operation.record().getSuccess());
        assertEquals(List.of("node1 / hosts: changed"), operation.record().getStepsDoneList());
    }

    @Test
    void theJournalKeepsStepsDoneAndTheStepInProgressSoARestartedCoordinatorFindsItInterrupted() throws Exception {
        Operations operations = operations();
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Operation operation = operations.start(apply(), running -> {
            running.stepFinished(step("hosts"));
            running.stepStarted(step("packages").toBuilder().setState(StepState.STEP_STATE_RUNNING).build());
            inStep.countDown();
            await(never);
            return new Operations.Outcome(true, "done");
        });
        assertTrue(inStep.await(10, TimeUnit.SECONDS));

        Optional<JournaledOperation> interrupted = operations().load();

        assertEquals(operation.id(), interrupted.orElseThrow().getId());
        assertEquals(List.of("node1 / hosts: changed"), interrupted.get().getStepsDoneList());
        assertEquals("node1 / packages", interrupted.get().getStepInProgress());
        never.countDown();
    }

    @Test
    void aResumedOperationKeepsItsIdAndIsListedFinished() throws Exception {
        Operations before = operations();
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Operation interrupted = before.start(apply(), running -> {
            started.countDown();
            await(never);
            return new Operations.Outcome(true, "done");
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Operations after = operations();
        JournaledOperation record = after.load().orElseThrow();

        Operation resumed = after.resume(record, running -> new Operations.Outcome(false, "cannot resume: node3 is gone"));

        awaitFinished(resumed);
        assertEquals(interrupted.id(), resumed.id());
        OperationSummary listed = after.list("staging").get(0);
        assertEquals(OperationState.OPERATION_STATE_FAILED, listed.getState());
        assertEquals("cannot resume: node3 is gone", listed.getMessage());
        never.countDown();
    }

    @Test
    void anOperationThatThrowsEndsFailedAndTheNextMayStart() throws Exception {
        Operations operations = operations();
        Operation failing = operations.start(apply(), running -> {
            throw new IllegalStateException("boom");
        });
        awaitFinished(failing);

        assertFalse(failing.record().getSuccess());
        assertTrue(failing.record().getMessage().contains("boom"));
        awaitFinished(operations.start(apply(), running -> new Operations.Outcome(true, "done")));
    }

    private static StepReport step(String name) {
        return StepReport.newBuilder().setNode("node1").setStep(name).setState(StepState.STEP_STATE_CHANGED).build();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitFinished(Operation operation) throws InterruptedException {
        for (int i = 0; i < 300 && operation.running(); i++) {
            Thread.sleep(10);
        }
        assertFalse(operation.running(), "operation did not finish");
    }

    /** A call's server side, as far as an operation uses it. */
    static final class RecordingWatcher extends ServerCallStreamObserver<ApplyEvent> {
        final List<ApplyEvent> events = new ArrayList<>();
        private final CountDownLatch completed = new CountDownLatch(1);
        private Runnable onCancel = () -> { };
        private volatile boolean cancelled;

        @Override
        public synchronized void onNext(ApplyEvent event) {
            if (cancelled) {
                throw Status.CANCELLED.asRuntimeException();
            }
            events.add(event);
            notifyAll();
        }

        @Override
        public void onError(Throwable t) {
            completed.countDown();
        }

        @Override
        public void onCompleted() {
            completed.countDown();
        }

        void cancel() {
            cancelled = true;
            onCancel.run();
        }

        synchronized void awaitEvents(int count) throws InterruptedException {
            long end = System.currentTimeMillis() + 10_000;
            while (events.size() < count && System.currentTimeMillis() < end) {
                wait(100);
            }
        }

        void awaitCompleted() throws InterruptedException {
            assertTrue(completed.await(10, TimeUnit.SECONDS), "the call was not ended");
        }

        synchronized List<String> steps() {
            return events.stream().filter(ApplyEvent::hasStepFinished).map(e -> e.getStepFinished().getStep()).toList();
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void setOnCancelHandler(Runnable onCancelHandler) {
            this.onCancel = onCancelHandler;
        }

        @Override
        public void setCompression(String compression) {}

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setOnReadyHandler(Runnable onReadyHandler) {}

        @Override
        public void request(int count) {}

        @Override
        public void setMessageCompression(boolean enable) {}

        @Override
        public void disableAutoInboundFlowControl() {}
    }
}
