package io.brickwork.coordinator.quota;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.validation.DirectoryRules;
import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.gateway.AgentRequests;
import io.brickwork.coordinator.gateway.AgentSession;
import io.brickwork.coordinator.security.AuditTrail;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.coordinator.state.SpecStore;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.DirectoryQuotaAnswer;
import io.brickwork.proto.agent.v1.DirectoryQuotaRequest;
import io.brickwork.proto.agent.v1.EnsureDirectoryQuota;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * Directory quotas asked for by an agent's Docker volume plugin ({@code docker volume create -o
 * quota=}). The request is checked against the applied spec (the asking node is in the cluster,
 * the volume is one of the spec's, the path a plain relative one outside {@code .brickwork}, the
 * limit from 1 MiB to 1 PiB), run on the manager as the typed action EnsureDirectoryQuota and
 * audited whatever its outcome; the agent hears the refusal or success on its stream.
 */
public final class DirectoryQuotaService implements AgentRequests {
    private static final Logger log = Logger.getLogger(DirectoryQuotaService.class.getName());
    static final String METHOD = "brickwork.agent.v1.AgentGateway/DirectoryQuota";
    /** A protected tree of the driver's on the volume: no limit goes there. */
    static final String DRIVER_DIRECTORY = ".brickwork";

    private final AgentRegistry registry;
    private final SpecStore specStore;
    private final AuditTrail audit;
    private final Executor executor;
    private final Clock clock;
    private final Duration actionTimeout;

    public DirectoryQuotaService(AgentRegistry registry, SpecStore specStore, AuditTrail audit, Executor executor,
            Clock clock, Duration actionTimeout) {
        this.registry = requireNonNull(registry, "registry is null");
        this.specStore = requireNonNull(specStore, "specStore is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.actionTimeout = requireNonNull(actionTimeout, "actionTimeout is null");
    }

    @Override
    public void quota(AgentSession session, DirectoryQuotaRequest request) {
        try {
            executor.execute(() -> handle(session, request));
        } catch (RejectedExecutionException e) {
            finish(session, request, "", "the coordinator is shutting down");
        }
    }

    private void handle(AgentSession session, DirectoryQuotaRequest request) {
        Optional<String> refusal;
        ClusterSpec spec = null;
        try {
            Optional<String> applied = specStore.load();
            if (applied.isEmpty()) {
                refusal = Optional.of("no spec has been applied");
            } else {
                spec = SpecParser.parse(applied.get(), "applied spec");
                refusal = problem(spec, session.node(), request);
            }
        } catch (RuntimeException e) {
            refusal = Optional.of("the applied spec cannot be read: " + e.getMessage());
        }
        if (refusal.isPresent()) {
            finish(session, request, "", refusal.get());
            return;
        }
        String manager = spec.manager();
        Optional<AgentSession> managerSession = registry.session(manager);
        if (managerSession.isEmpty()) {
            finish(session, request, manager, "the manager " + manager + " is not connected");
            return;
        }
        ActionRequest action = ActionRequest.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setMode(Mode.MODE_APPLY)
                .setTimeoutMs((int) actionTimeout.toMillis())
                .setRequestedBy("docker-plugin@" + session.node())
                .setDirectoryQuota(EnsureDirectoryQuota.newBuilder().setVolume(request.getVolume())
                        .setPath(request.getPath()).setLimitBytes(request.getLimitBytes()))
                .build();
        managerSession.get().send(action).whenComplete((result, failure) -> finish(session, request, manager,
                failure != null ? "on " + manager + ": " + failure.getMessage() : failed(manager, result)));
    }

    private static String failed(String manager, ActionResult result) {
        if (result.getOutcome() == Outcome.OUTCOME_CHANGED || result.getOutcome() == Outcome.OUTCOME_UNCHANGED) {
            return "";
        }
        String detail = result.getFailure().getMessage().isEmpty() ? "" : ": " + result.getFailure().getMessage();
        return "on " + manager + ": " + result.getSummary() + detail;
    }

    /** Why the request is refused, checked against the applied spec; empty when it is fine. */
    static Optional<String> problem(ClusterSpec spec, String node, DirectoryQuotaRequest request) {
        if (spec.nodes().stream().noneMatch(node::equalsIgnoreCase)) {
            return Optional.of("node " + node + " is not in the applied spec");
        }
        Optional<VolumeSpec> volume = spec.volumes().stream().filter(v -> v.name().equals(request.getVolume()))
                .findFirst();
        if (volume.isEmpty()) {
            return Optional.of("volume '" + printable(request.getVolume()) + "' is not in the applied spec");
        }
        Optional<String> pathProblem = DirectoryRules.relativePathProblem(request.getPath());
        if (pathProblem.isPresent()) {
            return Optional.of("path '" + printable(request.getPath()) + "' " + pathProblem.get());
        }
        if (request.getPath().equals(DRIVER_DIRECTORY) || request.getPath().startsWith(DRIVER_DIRECTORY + "/")) {
            return Optional.of("path '" + request.getPath() + "' is the Docker volume driver's own");
        }
        Optional<String> limitProblem = DirectoryRules.quotaProblem(request.getLimitBytes());
        return limitProblem.map(problem -> "limit " + Long.toUnsignedString(request.getLimitBytes()) + " bytes "
                + problem);
    }

    private void finish(AgentSession session, DirectoryQuotaRequest request, String ranOn, String error) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.ofEpochMilli(clock.millis()).toString());
        entry.put("caller", "node " + session.node());
        entry.put("method", METHOD);
        entry.put("volume", printable(request.getVolume()));
        entry.put("path", printable(request.getPath()));
        entry.put("limit_bytes", Long.toUnsignedString(request.getLimitBytes()));
        if (!ranOn.isEmpty()) {
            entry.put("ran_on", ranOn);
        }
        entry.put("outcome", error.isEmpty() ? "ok" : "refused");
        if (!error.isEmpty()) {
            entry.put("error", error);
        }
        audit.record(entry);
        if (!error.isEmpty()) {
            log.warning(() -> "quota for " + session.node() + " refused: " + error);
        }
        session.answer(DirectoryQuotaAnswer.newBuilder().setId(request.getId()).setError(error).build());
    }

    /** What an agent sent, fit for a log line: at most 200 characters, control characters escaped. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
