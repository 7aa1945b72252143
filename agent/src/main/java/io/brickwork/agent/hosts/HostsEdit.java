package io.brickwork.agent.hosts;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The new /etc/hosts content and, in words, what differs from the old one. */
public record HostsEdit(String content, List<String> changes) {
    public HostsEdit {
        requireNonNull(content, "content is null");
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }
}
