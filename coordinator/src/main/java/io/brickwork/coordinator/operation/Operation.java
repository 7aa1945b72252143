package io.brickwork.coordinator.operation;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.coordinator.state.v1.JournaledOperation;
import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.HealProgress;
import io.brickwork.proto.coordinator.v1.OperationEvent;
import io.brickwork.proto.coordinator.v1.OperationState;
import io.brickwork.proto.coordinator.v1.OperationSummary;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One running or finished operation: its journal record, what it reported so far, and whoever
 * watches it. Every change of its state is journaled before watchers hear of it.
 */
public final class Operation {
    private final OperationJournal journal;
    private final Clock clock;
    private final List<ApplyEvent> history = new ArrayList<>();
    /** The last progress event, so that the next one replaces it in the history. */
    private final List<ApplyEvent> progressEvents = new ArrayList<>();
    private final List<StreamObserver<ApplyEvent>> watchers = new ArrayList<>();
    private JournaledOperation.Builder record;

    Operation(JournaledOperation record, OperationJournal journal, Clock clock) {
        this.record = requireNonNull(record, "record is null").toBuilder();
        this.journal = requireNonNull(journal, "journal is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public synchronized String id() {
        return record.getId();
    }

    public synchronized JournaledOperation record() {
        return record.build();
    }

    public synchronized boolean running() {
        return record.getFinishedUnixMs() == 0;
    }

    /** A stage reached, for people: journaled as the step in progress. */
    public synchronized void stage(String message) {
        record.setStepInProgress(message);
        journal.save(record.build());
        publish(event(OperationState.OPERATION_STATE_RUNNING, message).build());
    }

    /** Heal progress changes often and says nothing a restart needs: not journaled, and only the latest is replayed. */
    public synchronized void heal(String message, HealProgress heal) {
        ApplyEvent.Builder event = event(OperationState.OPERATION_STATE_RUNNING, message);
        event.getOperationBuilder().setHeal(heal);
        if (!history.isEmpty() && history.get(history.size() - 1).getOperation().hasHeal()) {
            history.remove(history.size() - 1);
        }
        publish(event.build());
    }

    /**
     * Progress of a long wait (a rebalance, a migration), for people: like heal progress, not
     * journaled, and only the latest is replayed.
     */
    public synchronized void progress(String message) {
        ApplyEvent event = event(OperationState.OPERATION_STATE_RUNNING, message).build();
        if (!history.isEmpty() && progressEvents.contains(history.get(history.size() - 1))) {
            history.remove(history.size() - 1);
        }
        progressEvents.clear();
        progressEvents.add(event);
        publish(event);
    }

    public synchronized void stepStarted(StepReport step) {
        record.setStepInProgress(step.getNode() + " / " + step.getStep());
        journal.save(record.build());
        publish(ApplyEvent.newBuilder().setStepStarted(step).build());
    }

    public synchronized void stepFinished(StepReport step) {
        String name = step.getNode() + " / " + step.getStep();
        record.addStepsDone(name + ": " + step.getState().name().replace("STEP_STATE_", "").toLowerCase());
        if (record.getStepInProgress().equals(name)) {
            record.clearStepInProgress();
        }
        journal.save(record.build());
        publish(ApplyEvent.newBuilder().setStepFinished(step).build());
    }

    /** Any other event of the apply (its result). */
    public synchronized void publish(ApplyEvent event) {
        history.add(event);
        for (StreamObserver<ApplyEvent> watcher : List.copyOf(watchers)) {
            send(watcher, event);
        }
    }

    /**
     * Journals the end, tells the watchers and ends their calls. An apply's result (ApplyFinished)
     * stays its last event; an operation that ended without one ends with its state.
     */
    public synchronized void finish(boolean success, String message) {
        record.setFinishedUnixMs(clock.millis()).setSuccess(success).setMessage(message).clearStepInProgress();
        journal.save(record.build());
        if (history.stream().noneMatch(ApplyEvent::hasFinished)) {
            publish(event(success ? OperationState.OPERATION_STATE_SUCCEEDED : OperationState.OPERATION_STATE_FAILED,
                    message).build());
        }
        for (StreamObserver<ApplyEvent> watcher : List.copyOf(watchers)) {
            try {
                watcher.onCompleted();
            } catch (RuntimeException e) {
                // The watcher went away at the same moment; nothing is lost.
            }
        }
        watchers.clear();
    }

    /**
     * Replays what was reported so far, then streams the rest; a finished operation's call ends
     * at once. Cancelling the call only stops the watching.
     */
    public synchronized void watch(ServerCallStreamObserver<ApplyEvent> watcher) {
        requireNonNull(watcher, "watcher is null");
        watcher.setOnCancelHandler(() -> unwatch(watcher));
        for (ApplyEvent event : history) {
            if (!send(watcher, event)) {
                return;
            }
        }
        if (running()) {
            watchers.add(watcher);
        } else {
            if (history.isEmpty()) {
                send(watcher, event(record.getSuccess() ? OperationState.OPERATION_STATE_SUCCEEDED
                        : OperationState.OPERATION_STATE_FAILED, record.getMessage()).build());
            }
            watcher.onCompleted();
        }
    }

    private synchronized void unwatch(StreamObserver<ApplyEvent> watcher) {
        watchers.remove(watcher);
    }

    public synchronized OperationSummary summary(String cluster) {
        return OperationSummary.newBuilder()
                .setId(record.getId())
                .setState(running() ? OperationState.OPERATION_STATE_RUNNING : record.getSuccess()
                        ? OperationState.OPERATION_STATE_SUCCEEDED : OperationState.OPERATION_STATE_FAILED)
                .setKind(record.getKind())
                .setCluster(cluster)
                .setRequestedBy(record.getRequestedBy())
                .setStartedUnixMs(record.getStartedUnixMs())
                .setFinishedUnixMs(record.getFinishedUnixMs())
                .addAllStepsDone(record.getStepsDoneList())
                .setStepInProgress(record.getStepInProgress())
                .setMessage(record.getMessage())
                .build();
    }

    private ApplyEvent.Builder event(OperationState state, String message) {
        return ApplyEvent.newBuilder().setOperation(OperationEvent.newBuilder()
                .setOperationId(record.getId()).setState(state).setMessage(message));
    }

    /** False when the watcher is gone: it is dropped, the operation goes on. */
    private boolean send(StreamObserver<ApplyEvent> watcher, ApplyEvent event) {
        try {
            watcher.onNext(event);
            return true;
        } catch (RuntimeException e) {
            watchers.remove(watcher);
            return false;
        }
    }
}
