package io.brickwork.coordinator.health.rules;

import io.brickwork.coordinator.health.facts.KnownFacts;
import io.brickwork.coordinator.health.problems.Problem;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether glusterd runs on a node, as its agent reports it. A read that did not answer keeps
 * the last known state while it counts; after that the state is unknown, which is not "down".
 */
public final class GlusterdRule {
    private GlusterdRule() {}

    /** Whether the reported state is known: read now, or a last known one that still counts. */
    public static boolean known(KnownFacts facts, Now now) {
        return !facts.glusterdStale() || now.counts(facts.glusterdReadMillis());
    }

    /** The problem of a connected node's glusterd, if any. */
    public static Optional<Problem> problem(String node, KnownFacts facts, Now now) {
        long read = facts.glusterdReadMillis();
        if (!known(facts, now)) {
            return Optional.of(Problem.glusterdUnknown(node,
                    read <= 0 ? OptionalLong.empty() : OptionalLong.of(now.secondsSince(read))));
        }
        if (!facts.report().getGlusterdRunning()) {
            return Optional.of(Problem.glusterdNotRunning(node,
                    facts.glusterdStale() ? OptionalLong.of(now.secondsSince(read)) : OptionalLong.empty()));
        }
        return Optional.empty();
    }
}
