package io.brickwork.agent.steps;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandTimeoutException;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Failure;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.Refusal;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a step in a mode and turns whatever happens into an outcome: check only for
 * MODE_CHECK; check, apply, verify for MODE_APPLY. Nothing escapes as an exception.
 */
public final class StepRunner {
    private static final Logger LOG = Logger.getLogger(StepRunner.class.getName());
    private static final int SUMMARY_LIMIT = 200;

    @Inject
    public StepRunner() {}

    /** The result without id and duration, which the caller knows. */
    public ActionResult run(Step step, Mode mode) {
        try {
            Check before = step.check();
            if (before instanceof Check.InSync inSync) {
                return result(Outcome.OUTCOME_UNCHANGED, inSync.summary(), List.of());
            }
            if (before instanceof Check.Refused refused) {
                // A step refuses because of what it found on the node, never because of the request.
                return result(Outcome.OUTCOME_REFUSED, refused.reason(), List.of()).toBuilder()
                        .setRefusal(Refusal.REFUSAL_FAILED_PRECONDITION).build();
            }
            List<String> changes = ((Check.NeedsChange) before).changes();
            if (mode == Mode.MODE_CHECK) {
                return result(Outcome.OUTCOME_WOULD_CHANGE, "would " + summary(changes), changes);
            }
            return applyAndVerify(step, changes);
        } catch (CommandException e) {
            return failed(e);
        } catch (StepFailedException e) {
            return failed(e.getMessage(), e);
        } catch (IOException e) {
            // NoSuchFileException and friends have only the path as message.
            return failed(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted: the agent is stopping", e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "step " + step.getClass().getSimpleName() + " failed unexpectedly", e);
            return failed("internal error in " + step.getClass().getSimpleName() + ": " + e, e);
        }
    }

    private ActionResult applyAndVerify(Step step, List<String> changes)
            throws CommandException, IOException, StepFailedException, InterruptedException {
        try {
            step.apply();
        } catch (CommandTimeoutException e) {
            // The command may have done its work before it was killed: look before reporting.
            if (step.verify() instanceof Check.InSync) {
                return result(Outcome.OUTCOME_CHANGED, summary(changes) + " (" + e.getMessage()
                        + ", but the node is now as asked)", changes);
            }
            return failed(e);
        }
        Check after = step.verify();
        if (after instanceof Check.InSync) {
            return result(Outcome.OUTCOME_CHANGED, summary(changes), changes);
        }
        String still = after instanceof Check.NeedsChange needs ? "still differs: " + String.join("; ", needs.changes())
                : ((Check.Refused) after).reason();
        return ActionResult.newBuilder()
                .setOutcome(Outcome.OUTCOME_FAILED)
                .setSummary("verify failed after applying: " + still)
                .addAllChanges(changes)
                .setFailure(Failure.newBuilder().setMessage("verify failed after applying: " + still))
                .build();
    }

    private static ActionResult result(Outcome outcome, String summary, List<String> changes) {
        return ActionResult.newBuilder().setOutcome(outcome).setSummary(summary).addAllChanges(changes).build();
    }

    static ActionResult failed(CommandException e) {
        Failure.Builder failure = Failure.newBuilder()
                .setMessage(e.getMessage())
                .addAllArgv(e.argv())
                .setStderr(e.stderr());
        e.exitCode().ifPresent(failure::setExitCode);
        return ActionResult.newBuilder()
                .setOutcome(Outcome.OUTCOME_FAILED)
                .setSummary(e.getMessage())
                .setFailure(failure)
                .build();
    }

    private static ActionResult failed(String message, Exception cause) {
        LOG.log(Level.FINE, message, cause);
        return ActionResult.newBuilder()
                .setOutcome(Outcome.OUTCOME_FAILED)
                .setSummary(message)
                .setFailure(Failure.newBuilder().setMessage(message))
                .build();
    }

    /** One line for people: the changes joined, cut short when there are many. */
    static String summary(List<String> changes) {
        String joined = String.join("; ", changes);
        return joined.length() <= SUMMARY_LIMIT ? joined
                : joined.substring(0, SUMMARY_LIMIT) + "... (" + changes.size() + " changes)";
    }
}
