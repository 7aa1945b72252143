package io.brickwork.coordinator.operation;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.coordinator.state.v1.JournaledOperation;
import io.brickwork.proto.coordinator.v1.OperationSummary;
import io.grpc.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The coordinator's operations: at most one runs at a time, on its own thread, so that the call
 * that started it may go away (Ctrl-C) while it goes on. Finished ones are kept for listing,
 * as many as the journal keeps.
 */
public final class Operations {
    private static final Logger log = Logger.getLogger(Operations.class.getName());

    /** What an operation does; it reports through the operation and returns whether it succeeded, and how it ended. */
    @FunctionalInterface
    public interface Work {
        Outcome run(Operation operation);
    }

    public record Outcome(boolean success, String message) {
        public Outcome {
            requireNonNull(message, "message is null");
        }
    }

    private final OperationJournal journal;
    private final ExecutorService executor;
    private final Clock clock;
    private final Map<String, Operation> known = new LinkedHashMap<>();
    private Operation running;

    public Operations(OperationJournal journal, ExecutorService executor, Clock clock) {
        this.journal = requireNonNull(journal, "journal is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Reads the journal: finished operations become listable; an operation that was running when
     * the coordinator stopped is returned, for the caller to resume with {@link #resume}.
     */
    public synchronized Optional<JournaledOperation> load() {
        JournaledOperation interrupted = null;
        for (JournaledOperation record : journal.load()) {
            known.put(record.getId(), new Operation(record, journal, clock));
            if (record.getFinishedUnixMs() == 0) {
                interrupted = record;
            }
        }
        return Optional.ofNullable(interrupted);
    }

    /**
     * Starts a new operation, or refuses with FAILED_PRECONDITION while another runs.
     *
     * @param record what to journal: kind, spec, requester (id and start time are set here)
     */
    public synchronized Operation start(JournaledOperation record, Work work) {
        requireNonNull(record, "record is null");
        requireNonNull(work, "work is null");
        if (running != null && running.running()) {
            JournaledOperation busy = running.record();
            throw Status.FAILED_PRECONDITION.withDescription("operation " + busy.getId() + " (" + busy.getKind()
                    + ", started " + Instant.ofEpochMilli(busy.getStartedUnixMs()) + " by " + busy.getRequestedBy()
                    + ") is running; watch it with `brickwork operations watch " + busy.getId()
                    + "` and apply again when it has finished").asRuntimeException();
        }
        JournaledOperation started = record.toBuilder()
                .setId(newId())
                .setStartedUnixMs(clock.millis())
                .build();
        journal.save(started);
        return launch(new Operation(started, journal, clock), work);
    }

    /** Runs an interrupted operation again under its id; its work re-reads what is before changing anything. */
    public synchronized Operation resume(JournaledOperation record, Work work) {
        Operation operation = known.get(record.getId());
        if (operation == null || !operation.running()) {
            throw new IllegalArgumentException("operation " + record.getId() + " is not an interrupted one");
        }
        return launch(operation, work);
    }

    private Operation launch(Operation operation, Work work) {
        known.put(operation.id(), operation);
        forgetOldest();
        running = operation;
        executor.execute(() -> {
            Outcome outcome;
            try {
                outcome = work.run(operation);
            } catch (RuntimeException e) {
                log.log(Level.SEVERE, "operation " + operation.id() + " failed unexpectedly", e);
                outcome = new Outcome(false, "internal error: " + e);
            }
            operation.finish(outcome.success(), outcome.message());
        });
        return operation;
    }

    /** As many finished ones as the journal keeps. */
    private void forgetOldest() {
        long finished = known.values().stream().filter(operation -> !operation.running()).count();
        var iterator = known.values().iterator();
        while (finished > OperationJournal.FINISHED_KEPT && iterator.hasNext()) {
            if (!iterator.next().running()) {
                iterator.remove();
                finished--;
            }
        }
    }

    public synchronized Optional<Operation> find(String id) {
        return Optional.ofNullable(known.get(id));
    }

    /** The running one first, then the others, newest first. */
    public synchronized List<OperationSummary> list(String cluster) {
        List<OperationSummary> summaries = new ArrayList<>();
        known.values().forEach(operation -> summaries.add(0, operation.summary(cluster)));
        summaries.sort((a, b) -> Boolean.compare(b.getFinishedUnixMs() == 0, a.getFinishedUnixMs() == 0));
        return summaries;
    }

    /** Short enough to type: the first 8 hex digits of a random UUID. */
    private String newId() {
        String id;
        do {
            id = UUID.randomUUID().toString().substring(0, 8);
        } while (known.containsKey(id));
        return id;
    }
}
