package io.brickwork.agent.actions;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.audit.AuditEntry;
import io.brickwork.agent.audit.AuditLog;
import io.brickwork.agent.steps.NodeDescriber;
import io.brickwork.agent.steps.VolumeDescriber;
import io.brickwork.agent.steps.Step;
import io.brickwork.agent.steps.StepContext;
import io.brickwork.agent.steps.StepRunner;
import io.brickwork.agent.system.Ticker;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Failure;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.Refusal;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** The {@link ActionExecutor}: validate, build the step, run it in the request's mode, audit. */
public final class LocalActionExecutor implements ActionExecutor {
    private static final Logger LOG = Logger.getLogger(LocalActionExecutor.class.getName());
    private static final int MAX_PROBLEMS_SHOWN = 20;

    private final ActionValidator validator;
    private final StepFactory steps;
    private final StepRunner runner;
    private final NodeDescriber describer;
    private final VolumeDescriber volumes;
    private final ActionSettings settings;
    private final Ticker ticker;
    private final AuditLog audit;
    private final ActionLocks locks = new ActionLocks();

    @Inject
    public LocalActionExecutor(ActionValidator validator, StepFactory steps, StepRunner runner,
            NodeDescriber describer, VolumeDescriber volumes, ActionSettings settings, Ticker ticker, AuditLog audit) {
        this.validator = requireNonNull(validator, "validator is null");
        this.steps = requireNonNull(steps, "steps is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.describer = requireNonNull(describer, "describer is null");
        this.volumes = requireNonNull(volumes, "volumes is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.ticker = requireNonNull(ticker, "ticker is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    @Override
    public ActionResult execute(ActionRequest request, String requester) {
        Instant received = ticker.now();
        long start = System.nanoTime();
        ActionResult result;
        try {
            result = executeValid(requireNonNull(request, "request is null"), received, requesterName(requester));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "action " + (request == null ? "" : request.getId()) + " failed unexpectedly", e);
            String message = "internal error: " + e;
            result = ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_FAILED).setSummary(message)
                    .setFailure(Failure.newBuilder().setMessage(message)).build();
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        ActionResult finished = result.toBuilder()
                .setId(request == null ? "" : request.getId())
                .setDurationMs((int) Math.min(millis, 0xFFFF_FFFFL))
                .build();
        log(request, finished);
        record(new AuditEntry(received, requesterName(requester),
                request == null ? ActionRequest.getDefaultInstance() : request, finished));
        return finished;
    }

    private static String requesterName(String requester) {
        return requester == null ? "unknown" : requester;
    }

    /** Changes and problems are worth an operator's attention; confirmations are not. */
    private static void log(ActionRequest request, ActionResult result) {
        Level level = switch (result.getOutcome()) {
            case OUTCOME_CHANGED, OUTCOME_FAILED, OUTCOME_REFUSED -> Level.INFO;
            default -> Level.FINE;
        };
        LOG.log(level, () -> "action " + result.getId() + " ("
                + (request == null ? "null" : request.getActionCase() + " " + request.getMode()) + "): "
                + result.getOutcome() + " in " + result.getDurationMs() + "ms: " + result.getSummary());
    }

    /** The audit log promises not to throw; the agent must keep answering even if it breaks that promise. */
    private void record(AuditEntry entry) {
        try {
            audit.record(entry);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "audit log failed for action " + entry.request().getId(), e);
        }
    }

    private ActionResult executeValid(ActionRequest request, Instant received, String requester) {
        List<Problem> problems = validator.problems(request);
        if (!problems.isEmpty()) {
            return refused(problems);
        }
        StepContext context = context(request);
        if (request.getActionCase() == ActionRequest.ActionCase.DESCRIBE) {
            return describer.describe(request.getDescribe().getMountPointsList().stream().map(Path::of).toList(),
                    context);
        }
        if (request.getActionCase() == ActionRequest.ActionCase.DESCRIBE_VOLUME) {
            return volumes.describe(request.getDescribeVolume().getName(), request.getDescribeVolume().getBrickStates(),
                    request.getDescribeVolume().getHealCounts(), request.getDescribeVolume().getRebalance(),
                    request.getDescribeVolume().getRemovingList().stream()
                            .map(brick -> brick.getHost() + ":" + brick.getPath()).toList(),
                    request.getDescribeVolume().getProgressOnly(), context);
        }
        Step step = steps.create(request, context);
        if (request.getMode() == Mode.MODE_CHECK) {
            return runner.run(step, Mode.MODE_CHECK);
        }
        return locks.holding(request.getActionCase(), () -> !changesTheNode(request)
                || started(received, requester, request) ? runner.run(step, Mode.MODE_APPLY) : unrecordable());
    }

    /** An audit log that breaks its promise not to throw has not written the line either. */
    private boolean started(Instant received, String requester, ActionRequest request) {
        try {
            return audit.started(received, requester, request);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "audit log failed at the start of action " + request.getId(), e);
            return false;
        }
    }

    /** Reading a probe file back is a check of the volume, not a change; an apply of it needs no start line. */
    private static boolean changesTheNode(ActionRequest request) {
        return request.getActionCase() != ActionRequest.ActionCase.READ_PROBE;
    }

    /** Fail closed: a change nobody could later find in the log is not made. */
    private static ActionResult unrecordable() {
        return ActionResult.newBuilder()
                .setOutcome(Outcome.OUTCOME_REFUSED)
                .setRefusal(Refusal.REFUSAL_AUDIT_UNAVAILABLE)
                .setSummary("the agent's audit log cannot be written, so it makes no changes;"
                        + " checks and reports go on (see the agent's journal for why)")
                .build();
    }

    /** timeout_ms is relative so clock skew between machines cannot shorten or stretch it; 0 means none. */
    private StepContext context(ActionRequest request) {
        Optional<Instant> deadline = request.getTimeoutMs() == 0 ? Optional.empty()
                : Optional.of(ticker.now().plusMillis(Integer.toUnsignedLong(request.getTimeoutMs())));
        return new StepContext(ticker, deadline, settings.commandTimeout(), settings.packageInstallTimeout(),
                settings.pollInterval());
    }

    /** A malformed field outweighs a forbidden one: the caller has a bug to fix before asking again. */
    private static ActionResult refused(List<Problem> problems) {
        Refusal refusal = problems.stream().anyMatch(p -> p.refusal() == Refusal.REFUSAL_INVALID_ARGUMENT)
                ? Refusal.REFUSAL_INVALID_ARGUMENT : Refusal.REFUSAL_PERMISSION_DENIED;
        return ActionResult.newBuilder()
                .setOutcome(Outcome.OUTCOME_REFUSED)
                .setRefusal(refusal)
                .setSummary(summary(problems))
                .build();
    }

    /** A request with a thousand bad items needs the first few named, not all of them. */
    private static String summary(List<Problem> problems) {
        String shown = problems.stream().limit(MAX_PROBLEMS_SHOWN).map(Problem::text)
                .collect(Collectors.joining("; "));
        return problems.size() <= MAX_PROBLEMS_SHOWN ? shown
                : shown + "; and " + (problems.size() - MAX_PROBLEMS_SHOWN) + " more problems";
    }
}
