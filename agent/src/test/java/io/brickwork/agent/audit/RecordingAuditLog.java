package io.brickwork.agent.audit;

import io.brickwork.proto.agent.v1.ActionRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An audit log in memory: tests read back what the executor recorded, or make it unwritable. */
public final class RecordingAuditLog implements AuditLog {
    private final List<ActionRequest> started = new ArrayList<>();
    private final List<AuditEntry> entries = new ArrayList<>();
    private boolean writable = true;

    /** From now on every start line fails to be written, as on a full or read-only disk. */
    public synchronized RecordingAuditLog unwritable() {
        writable = false;
        return this;
    }

    @Override
    public synchronized boolean started(Instant time, String requester, ActionRequest request) {
        if (writable) {
            started.add(request);
        }
        return writable;
    }

    @Override
    public synchronized void record(AuditEntry entry) {
        entries.add(entry);
    }

    public synchronized List<ActionRequest> started() {
        return List.copyOf(started);
    }

    public synchronized List<AuditEntry> entries() {
        return List.copyOf(entries);
    }

    public synchronized AuditEntry last() {
        if (entries.isEmpty()) {
            throw new AssertionError("nothing was audited");
        }
        return entries.get(entries.size() - 1);
    }
}
