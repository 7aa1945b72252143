package io.brickwork.coordinator.testing;

import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Failure;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import java.util.Optional;
import java.util.function.Function;

/** Canned agent behaviours for FakeAgent. */
public final class Results {
    private Results() {}

    /** A converged node: every check is in sync, every apply unchanged. */
    public static Function<ActionRequest, Optional<ActionResult>> inSync() {
        return request -> Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED).build());
    }

    /** A fresh node: every check would change, every apply changes; no volume exists yet. */
    public static Function<ActionRequest, Optional<ActionResult>> fresh() {
        return request -> request.getActionCase() == ActionRequest.ActionCase.DESCRIBE_VOLUME
                ? Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED).build())
                : Optional.of(ActionResult.newBuilder()
                .setOutcome(request.getMode() == Mode.MODE_CHECK ? Outcome.OUTCOME_WOULD_CHANGE : Outcome.OUTCOME_CHANGED)
                .setSummary("did " + request.getActionCase())
                .build());
    }

    /** Fails the given kind of action with a command failure; everything else changes. */
    public static Function<ActionRequest, Optional<ActionResult>> failing(ActionRequest.ActionCase kind) {
        return request -> request.getActionCase() == kind
                ? Optional.of(ActionResult.newBuilder()
                        .setOutcome(Outcome.OUTCOME_FAILED)
                        .setSummary("command failed")
                        .setFailure(Failure.newBuilder()
                                .setMessage("volume create failed")
                                .addArgv("gluster").addArgv("--mode=script").addArgv("volume").addArgv("create")
                                .setExitCode(1)
                                .setStderr("volume create: staging-gfs: failed: brick is already part of a volume"))
                        .build())
                : fresh().apply(request);
    }

    /** Never answers: the coordinator's timeout has to fire. */
    public static Function<ActionRequest, Optional<ActionResult>> silent() {
        return request -> Optional.empty();
    }
}
