package io.brickwork.coordinator.testing;

import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.Problem;
import io.brickwork.proto.coordinator.v1.ProblemKind;
import java.util.List;
import java.util.function.Predicate;

/** A status's typed problems, for tests that assert what is wrong and where, not the sentences. */
public final class StatusProblems {
    private StatusProblems() {}

    public static List<ProblemKind> kinds(GetStatusResponse status) {
        return status.getProblemDetailsList().stream().map(Problem::getKind).toList();
    }

    public static boolean has(GetStatusResponse status, ProblemKind kind) {
        return has(status, kind, problem -> true);
    }

    public static boolean has(GetStatusResponse status, ProblemKind kind, Predicate<Problem> where) {
        return status.getProblemDetailsList().stream().anyMatch(problem -> problem.getKind() == kind
                && where.test(problem));
    }

    public static Predicate<Problem> onNode(String node) {
        return problem -> problem.getNode().equals(node);
    }

    public static Predicate<Problem> onBrick(String brick) {
        return problem -> problem.getBrick().equals(brick);
    }

    public static Predicate<Problem> onVolume(String volume) {
        return problem -> problem.getVolume().equals(volume);
    }
}
