package io.brickwork.agent.audit;

import java.util.ArrayList;
import java.util.List;

/** An audit log in memory: tests read back what the executor recorded. */
public final class RecordingAuditLog implements AuditLog {
    private final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized void record(AuditEntry entry) {
        entries.add(entry);
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
