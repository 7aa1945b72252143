package io.brickwork.coordinator.health.problems;

/** A problem as the API carries it: its kind and place, with its sentence for people. */
public final class ProblemMessage {
    private ProblemMessage() {}

    public static io.brickwork.proto.coordinator.v1.Problem of(Problem problem) {
        return io.brickwork.proto.coordinator.v1.Problem.newBuilder()
                .setKind(problem.kind())
                .setNode(problem.node())
                .setVolume(problem.volume())
                .setBrick(problem.brick())
                .setText(ProblemText.of(problem))
                .setMountPoint(problem.mountPoint())
                .setPeer(problem.peer())
                .addAllReplicaSet(problem.replicaSet())
                .build();
    }
}
