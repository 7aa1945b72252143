package io.brickwork.agent.fstab;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The new /etc/fstab content and, in words, what differs from the old one. */
public record FstabEdit(String content, List<String> changes) {
    public FstabEdit {
        requireNonNull(content, "content is null");
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }
}
