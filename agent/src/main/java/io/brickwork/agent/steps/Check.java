package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What a step found: already as asked, different in these ways, or not ours to change. */
public sealed interface Check {
    record InSync(String summary) implements Check {
        public InSync {
            requireNonNull(summary, "summary is null");
        }
    }

    /** @param changes each what apply() would do, in words, in order */
    record NeedsChange(List<String> changes) implements Check {
        public NeedsChange {
            changes = List.copyOf(changes);
            if (changes.isEmpty()) {
                throw new IllegalArgumentException("a needed change must say what it is");
            }
        }
    }

    /** The node is in a state Brickwork will not change without an operator. */
    record Refused(String reason) implements Check {
        public Refused {
            requireNonNull(reason, "reason is null");
        }
    }

    static Check inSync(String summary) {
        return new InSync(summary);
    }

    static Check needs(List<String> changes) {
        return new NeedsChange(changes);
    }

    static Check needs(String change) {
        return new NeedsChange(List.of(change));
    }

    static Check refused(String reason) {
        return new Refused(reason);
    }
}
