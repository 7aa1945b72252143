package io.brickwork.coordinator.health.rules;

import io.brickwork.coordinator.health.problems.Problem;
import io.brickwork.proto.coordinator.v1.Health;
import io.brickwork.proto.coordinator.v1.ProblemKind;
import java.util.Collection;

/**
 * How well a volume, or the whole cluster, is doing, from its problems: FAILED when one of them
 * means it is not serving as specified (a replica set lost quorum, files in split-brain),
 * DEGRADED with any other problem, HEALTHY only without any.
 */
public final class ClusterRollup {
    private ClusterRollup() {}

    public static Health health(Collection<Problem> problems) {
        if (problems.stream().anyMatch(problem -> fails(problem.kind()))) {
            return Health.HEALTH_FAILED;
        }
        return problems.isEmpty() ? Health.HEALTH_HEALTHY : Health.HEALTH_DEGRADED;
    }

    /** Writes stop, or files cannot be read, until someone acts. */
    public static boolean fails(ProblemKind kind) {
        return kind == ProblemKind.PROBLEM_KIND_QUORUM_LOST || kind == ProblemKind.PROBLEM_KIND_SPLIT_BRAIN;
    }

    /** A volume's health in a word, for its status field. */
    public static String word(Health health) {
        return switch (health) {
            case HEALTH_FAILED -> "failed";
            case HEALTH_DEGRADED -> "degraded";
            default -> "healthy";
        };
    }
}
