package io.brickwork.agent.actions;

import io.brickwork.proto.agent.v1.ActionRequest;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes changes of the same kind: two concurrent EnsureHostsEntries would otherwise both
 * read /etc/hosts, and the later write would drop the earlier one's lines; two apt-gets would
 * fight over the dpkg lock. Different kinds touch different things and run in parallel.
 */
final class ActionLocks {
    private final Map<ActionRequest.ActionCase, ReentrantLock> locks = new EnumMap<>(ActionRequest.ActionCase.class);

    ActionLocks() {
        for (ActionRequest.ActionCase action : ActionRequest.ActionCase.values()) {
            locks.put(action, new ReentrantLock());
        }
    }

    <T> T holding(ActionRequest.ActionCase action, Supplier<T> work) {
        ReentrantLock lock = locks.get(action);
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
