package io.brickwork.agent.audit;

/**
 * Where the agent records every action it was asked for, run or refused. Recording never
 * throws: a broken audit log is reported loudly but must not stop the agent.
 */
public interface AuditLog {
    void record(AuditEntry entry);
}
