package io.brickwork.coordinator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionRequest.ActionCase;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.AgentMessage;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.ApplyFinished;
import io.brickwork.proto.coordinator.v1.ApplyRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When apply's replication check runs: after the changes, or, when the spec in force is applied
 * again, beside the check round, counting only if that round found nothing to change.
 */
class ApplyVerifyTest {
    @RegisterExtension
    final InProcessCoordinator coordinator = new InProcessCoordinator(Duration.ofMillis(500));
    /** Every action any agent received, in the order they arrived: "node2 CHECK fstab_entry", ... */
    private final List<String> log = new CopyOnWriteArrayList<>();
    private volatile boolean fstabDrifted;
    /** When set, node2 answers its checks only once a replication read has reached it (or after 5 s). */
    private volatile CountDownLatch probeReachedNode2;
    /** Set when node2 gave up waiting for the read and answered a check without it. */
    private final java.util.concurrent.atomic.AtomicBoolean answeredWithoutProbe = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.Map<String, FakeAgent> agents = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        for (String node : List.of("node1", "node2", "node3")) {
            agents.put(node, coordinator.connect(node, "10.213.0.1" + node.charAt(4), request -> answer(node, request)));
        }
    }

    private Optional<ActionResult> answer(String node, ActionRequest request) {
        log.add(node + " " + request.getMode().name().substring(5) + " " + name(request.getActionCase()));
        CountDownLatch latch = probeReachedNode2;
        if (node.equals("node2") && latch != null) {
            if (request.getActionCase() == ActionCase.READ_PROBE) {
                latch.countDown();
            } else if (request.getMode() == Mode.MODE_CHECK) {
                // Answered from another thread, so that this agent's stream can still bring the read.
                new Thread(() -> {
                    answeredWithoutProbe.compareAndSet(false, !await(latch));
                    agents.get(node).send(AgentMessage.newBuilder().setResult(ActionResult.newBuilder()
                            .setId(request.getId()).setOutcome(Outcome.OUTCOME_UNCHANGED)).build());
                }).start();
                return Optional.empty();
            }
        }
        boolean drift = fstabDrifted && node.equals("node3") && request.getActionCase() == ActionCase.FSTAB_ENTRY;
        Outcome outcome = !drift ? Outcome.OUTCOME_UNCHANGED
                : request.getMode() == Mode.MODE_CHECK ? Outcome.OUTCOME_WOULD_CHANGE : Outcome.OUTCOME_CHANGED;
        return Optional.of(ActionResult.newBuilder().setOutcome(outcome).build());
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String name(ActionCase kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    private ApplyFinished apply() {
        ApplyFinished finished = null;
        var events = coordinator.api().apply(ApplyRequest.newBuilder().setSpec(CoordinatorServiceTest.SPEC).build());
        while (events.hasNext()) {
            ApplyEvent event = events.next();
            if (event.hasFinished()) {
                finished = event.getFinished();
            }
        }
        return finished;
    }

    private List<String> since(int index) {
        return new ArrayList<>(log.subList(index, log.size()));
    }

    @Test
    void aFirstApplyChecksReplicationAfterItsChecks() {
        ApplyFinished finished = apply();

        assertTrue(finished.getSuccess() && finished.getVerify().getOk(), finished::toString);
        List<String> actions = since(0);
        int write = actions.indexOf("node1 APPLY write_probe");
        assertTrue(write > 0, actions::toString);
        assertTrue(actions.subList(0, write).stream().allMatch(action -> action.contains(" CHECK ")), actions::toString);
        assertEquals(1, actions.stream().filter(action -> action.endsWith("write_probe")).count(), actions::toString);
    }

    @Test
    void reApplyingTheSpecInForceChecksReplicationBesideTheCheckRound() {
        apply();
        int before = log.size();
        probeReachedNode2 = new CountDownLatch(1);

        ApplyFinished finished = apply();

        assertTrue(finished.getSuccess() && finished.getVerify().getOk(), finished::toString);
        assertEquals(false, answeredWithoutProbe.get(), "the read reached node2 while its checks waited for it");
        assertTrue(since(before).stream().filter(action -> action.contains(" APPLY "))
                .allMatch(action -> action.contains("probe")), "one check round, nothing applied: " + since(before));
        assertEquals(1, since(before).stream().filter(action -> action.endsWith("write_probe")).count(),
                since(before)::toString);
    }

    @Test
    void aReApplyThatChangesSomethingChecksReplicationAgainAfterTheChange() {
        apply();
        fstabDrifted = true;
        int before = log.size();

        ApplyFinished finished = apply();

        assertTrue(finished.getSuccess() && finished.getVerify().getOk(), finished::toString);
        assertEquals(1, finished.getChangedCount());
        List<String> actions = since(before);
        int change = actions.indexOf("node3 APPLY fstab_entry");
        int lastWrite = actions.lastIndexOf("node1 APPLY write_probe");
        assertTrue(change >= 0 && lastWrite > change, "a replication check after the change: " + actions);
    }

    @Test
    void skipVerifyChecksNoReplicationEvenOnAReApply() {
        apply();
        int before = log.size();

        coordinator.api().apply(ApplyRequest.newBuilder().setSpec(CoordinatorServiceTest.SPEC).setSkipVerify(true)
                .build()).forEachRemaining(event -> { });

        assertTrue(since(before).stream().noneMatch(action -> action.contains("probe")), since(before)::toString);
    }
}
