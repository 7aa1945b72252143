package io.brickwork.coordinator.operation;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import io.brickwork.common.security.SecureFiles;
import io.brickwork.proto.coordinator.state.v1.JournaledOperation;
import io.brickwork.proto.coordinator.state.v1.OperationJournal.Builder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * operations.pb in the coordinator's state directory: the recent operations, each written whole
 * and atomically (0600) on every change of its state, so that a coordinator killed at any moment
 * finds the last step it finished and the one it was in.
 */
public final class OperationJournal {
    static final String FILE_NAME = "operations.pb";
    /** Finished operations kept for `brickwork operations`; the running one is always kept. */
    static final int FINISHED_KEPT = 20;

    private final Path directory;

    public OperationJournal(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    /** Oldest first. */
    public synchronized List<JournaledOperation> load() {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return io.brickwork.proto.coordinator.state.v1.OperationJournal.parseFrom(Files.readAllBytes(file))
                    .getOperationsList();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(file + " is corrupt: " + e.getMessage()
                    + " (move it away to start without the operation history)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Replaces the operation with the same id, or appends it; drops the oldest finished ones beyond the limit. */
    public synchronized void save(JournaledOperation operation) {
        List<JournaledOperation> operations = new ArrayList<>(load());
        boolean replaced = false;
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i).getId().equals(operation.getId())) {
                operations.set(i, operation);
                replaced = true;
            }
        }
        if (!replaced) {
            operations.add(operation);
        }
        long finished = operations.stream().filter(candidate -> candidate.getFinishedUnixMs() != 0).count();
        for (int i = 0; i < operations.size() && finished > FINISHED_KEPT; ) {
            if (operations.get(i).getFinishedUnixMs() != 0) {
                operations.remove(i);
                finished--;
            } else {
                i++;
            }
        }
        Builder journal = io.brickwork.proto.coordinator.state.v1.OperationJournal.newBuilder().addAllOperations(operations);
        SecureFiles.ensurePrivateDirectory(directory);
        SecureFiles.writePrivate(directory.resolve(FILE_NAME), journal.build().toByteArray());
    }
}
