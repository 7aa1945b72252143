package io.brickwork.coordinator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.testing.ApplyEvents;
import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.coordinator.testing.Reports;
import io.brickwork.coordinator.testing.Results;
import io.brickwork.coordinator.testing.Specs;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.BrickHealFact;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.NodeFacts;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.PeerFact;
import io.brickwork.proto.agent.v1.VolumeState;
import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.ListOperationsRequest;
import io.brickwork.proto.coordinator.v1.PlanRequest;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spec stays the same and a node comes back: node2 with a new, empty disk (its brick is
 * reset and healed), or node2 rebuilt under its own name (its glusterd takes back its old UUID
 * and peers first); or the apply refuses before anything changes.
 */
class RecoverNodeTest {
    static final String BRICK = "/gluster/brick";
    static final String NODE2_BRICK = "node2:" + BRICK;
    static final String NODE1_UUID = "11111111-1111-4111-8111-111111111111";
    static final String NODE2_OLD_UUID = "22222222-2222-4222-8222-222222222222";
    static final String NODE3_UUID = "33333333-3333-4333-8333-333333333333";

    @RegisterExtension
    final InProcessCoordinator coordinator = new InProcessCoordinator(Duration.ofMillis(500));

    final List<String> layout = List.of("node1:" + BRICK, NODE2_BRICK, "node3:" + BRICK);
    /** Bricks glusterd reports without a running process. */
    final Set<String> offline = new CopyOnWriteArraySet<>(Set.of(NODE2_BRICK));
    /** How the manager's pool lists node2. */
    volatile String node2State = "Peer in Cluster";
    /** What node2's agent answers to a RestoreGlusterdIdentity check. */
    volatile Outcome restoreCheck = Outcome.OUTCOME_UNCHANGED;
    /** How node3's pool lists node2 once node2 took back its identity; nothing before. */
    volatile String node2StateOnNode3AfterRestore = "Peer in Cluster";
    volatile boolean restored;

    private Function<ActionRequest, Optional<ActionResult>> manager() {
        return request -> switch (request.getActionCase()) {
            case DESCRIBE_VOLUME -> Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED)
                    .setVolume(volume(request.getDescribeVolume().getHealCounts())).build());
            case DESCRIBE -> Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED)
                    .setFacts(NodeFacts.newBuilder().setGlusterdRunning(true).setGlusterdUuid(NODE1_UUID)
                            .addPeers(PeerFact.newBuilder().setUuid(NODE2_OLD_UUID).setHostname("node2")
                                    .setConnected(true).setState(node2State))
                            .addPeers(PeerFact.newBuilder().setUuid(NODE3_UUID).setHostname("node3")
                                    .setConnected(true).setState("Peer in Cluster")))
                    .build());
            default -> Results.fresh().apply(request);
        };
    }

    private VolumeState volume(boolean healCounts) {
        VolumeState.Builder volume = VolumeState.newBuilder().setExists(true).setReplica(3).setStatus("Started")
                .addAllBricks(layout);
        layout.stream().filter(brick -> !offline.contains(brick)).forEach(volume::addOnlineBricks);
        if (healCounts && offline.isEmpty()) {
            layout.forEach(brick -> volume.addHeals(BrickHealFact.newBuilder().setBrick(brick).setConnected(true)));
        } else if (healCounts) {
            volume.setHealUnread("not read: a brick is offline");
        }
        return volume.build();
    }

    /** node2: its brick directory is empty; the reset brings its brick process back. */
    private Function<ActionRequest, Optional<ActionResult>> node2() {
        return request -> switch (request.getActionCase()) {
            case RESET_BRICK -> {
                if (request.getMode() == Mode.MODE_APPLY) {
                    offline.remove(NODE2_BRICK);
                }
                yield Results.fresh().apply(request);
            }
            case RESTORE_GLUSTERD_IDENTITY -> {
                if (request.getMode() == Mode.MODE_APPLY) {
                    restored = true;
                    node2State = "Peer in Cluster";
                }
                yield Optional.of(ActionResult.newBuilder()
                        .setOutcome(request.getMode() == Mode.MODE_APPLY ? Outcome.OUTCOME_CHANGED : restoreCheck)
                        .setSummary(restoreCheck == Outcome.OUTCOME_REFUSED ? "glusterd here is not a fresh install"
                                : "restore").build());
            }
            case DESCRIBE_VOLUME -> Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED)
                    .setVolume(volume(false)).build());
            default -> Results.fresh().apply(request);
        };
    }

    /** node3: lists node2's old UUID as node2StateOnNode3AfterRestore once node2 took it back. */
    private Function<ActionRequest, Optional<ActionResult>> node3() {
        return request -> switch (request.getActionCase()) {
            case DESCRIBE -> {
                NodeFacts.Builder facts = NodeFacts.newBuilder().setGlusterdRunning(true).setGlusterdUuid(NODE3_UUID)
                        .addPeers(PeerFact.newBuilder().setUuid(NODE1_UUID).setHostname("node1").setConnected(true)
                                .setState("Peer in Cluster"));
                if (restored) {
                    facts.addPeers(PeerFact.newBuilder().setUuid(NODE2_OLD_UUID).setHostname("node2").setConnected(true)
                            .setState(node2StateOnNode3AfterRestore));
                }
                yield Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED).setFacts(facts).build());
            }
            default -> Results.fresh().apply(request);
        };
    }

    private List<FakeAgent> cluster() throws Exception {
        List<FakeAgent> agents = new ArrayList<>();
        agents.add(coordinator.connect("node1", "10.213.0.11", manager()));
        agents.add(coordinator.connect("node2", "10.213.0.12", node2()));
        agents.add(coordinator.connect("node3", "10.213.0.13", node3()));
        return agents;
    }

    private List<ApplyEvent> apply(String spec) {
        return ApplyEvents.apply(coordinator.api(), spec);
    }

    @Test
    void aLiveNodesBrickOnANewEmptyDiskIsResetOnItsOwnNodeAndHealed() throws Exception {
        List<FakeAgent> agents = cluster();

        List<ApplyEvent> events = apply(Specs.STAGING);

        assertTrue(events.get(events.size() - 1).getFinished().getSuccess(), events.get(events.size() - 1).toString());
        List<String> steps = ApplyEvents.finishedSteps(events);
        int reset = steps.indexOf("reset-brick:staging-gfs:" + NODE2_BRICK + "=CHANGED");
        int healed = steps.indexOf("heal:staging-gfs:" + NODE2_BRICK + "=CHANGED");
        assertTrue(reset >= 0 && reset < healed, steps.toString());
        assertTrue(steps.stream().noneMatch(step -> step.startsWith("detach-peer")), steps.toString());
        assertTrue(agents.get(1).received().stream().anyMatch(request -> request.hasResetBrick()
                && request.getMode() == Mode.MODE_APPLY), "the reset ran on node2 itself");
        assertEquals("reset " + NODE2_BRICK, coordinator.api().listOperations(ListOperationsRequest.getDefaultInstance())
                .getOperations(0).getKind());
    }

    @Test
    void aRebuiltNodeTakesBackItsIdentityBeforeItsBrickIsResetAndHealed() throws Exception {
        node2State = "Peer Rejected";
        restoreCheck = Outcome.OUTCOME_WOULD_CHANGE;
        List<FakeAgent> agents = cluster();

        List<ApplyEvent> events = apply(Specs.STAGING);

        assertTrue(events.get(events.size() - 1).getFinished().getSuccess(), events.get(events.size() - 1).toString());
        List<String> steps = ApplyEvents.finishedSteps(events);
        int restoredAt = steps.indexOf("restore-glusterd-identity:node2=CHANGED");
        int imported = steps.indexOf("import-volumes:node2=CHANGED");
        int accepted = steps.indexOf("pool-accepts:node2=CHANGED");
        int restarted = steps.indexOf("restart-glusterd:node2=CHANGED");
        int reset = steps.indexOf("reset-brick:staging-gfs:" + NODE2_BRICK + "=CHANGED");
        int healed = steps.indexOf("heal:staging-gfs:" + NODE2_BRICK + "=CHANGED");
        assertTrue(restoredAt >= 0 && restoredAt < imported && imported < accepted && accepted < restarted
                && restarted < reset && reset < healed, steps.toString());
        assertEquals(List.of("staging-gfs"), agents.get(1).received().stream()
                .filter(request -> request.hasRestartGlusterdAfterImport() && request.getMode() == Mode.MODE_APPLY)
                .findFirst().orElseThrow().getRestartGlusterdAfterImport().getVolumesList());
        ActionRequest restore = agents.get(1).received().stream()
                .filter(request -> request.hasRestoreGlusterdIdentity() && request.getMode() == Mode.MODE_APPLY)
                .findFirst().orElseThrow();
        assertEquals(NODE2_OLD_UUID, restore.getRestoreGlusterdIdentity().getUuid());
        assertEquals(List.of(NODE1_UUID + " node1", NODE3_UUID + " node3"), restore.getRestoreGlusterdIdentity()
                .getPeersList().stream().map(peer -> peer.getUuid() + " " + peer.getHostname()).toList());
        int prepared = indexOf(agents.get(1), request -> request.hasBrickDirectory() && request.getMode() == Mode.MODE_APPLY);
        int restoring = indexOf(agents.get(1), request -> request.hasRestoreGlusterdIdentity()
                && request.getMode() == Mode.MODE_APPLY);
        assertTrue(prepared >= 0 && prepared < restoring, "the brick directory exists before glusterd imports the volume");
        assertEquals("rebuild node2", coordinator.api().listOperations(ListOperationsRequest.getDefaultInstance())
                .getOperations(0).getKind());
    }

    @Test
    void aPeerThatKeepsTheRebuiltNodeHalfAcceptedFailsTheApplyBeforeGlusterdIsRestartedThere() throws Exception {
        node2State = "Peer Rejected";
        restoreCheck = Outcome.OUTCOME_WOULD_CHANGE;
        node2StateOnNode3AfterRestore = "Sent and Received peer request";
        List<FakeAgent> agents = cluster();

        List<ApplyEvent> events = apply(Specs.STAGING);

        ApplyEvent last = events.get(events.size() - 1);
        assertFalse(last.getFinished().getSuccess(), last.toString());
        List<String> steps = ApplyEvents.finishedSteps(events);
        assertTrue(steps.contains("pool-accepts:node2=FAILED"), steps.toString());
        assertTrue(events.stream().anyMatch(event -> event.getStepFinished().getSummary()
                .contains("node3 lists it as Sent and Received peer request, connected")), events.toString());
        assertTrue(agents.get(1).received().stream().noneMatch(request -> request.hasRestartGlusterdAfterImport()
                || request.hasResetBrick() && request.getMode() == Mode.MODE_APPLY), "no restart, no reset");
    }

    @Test
    void planShowsTheRestoreTheResetAndTheHealAndChangesNothing() throws Exception {
        node2State = "Peer Rejected";
        restoreCheck = Outcome.OUTCOME_WOULD_CHANGE;
        List<FakeAgent> agents = cluster();

        List<String> steps = coordinator.api().plan(PlanRequest.newBuilder().setSpec(Specs.STAGING).build())
                .getStepsList().stream().map(StepReport::getStep).toList();

        int restore = steps.indexOf("restore-glusterd-identity:node2");
        assertTrue(restore >= 0 && steps.indexOf("reset-brick:staging-gfs:" + NODE2_BRICK) > restore
                && steps.indexOf("heal:staging-gfs:" + NODE2_BRICK) > restore, steps.toString());
        assertTrue(agents.stream().flatMap(agent -> agent.received().stream())
                .noneMatch(request -> request.getMode() == Mode.MODE_APPLY), "nothing was applied");
    }

    @Test
    void aRejectedNodeWhoseGlusterdIsNotAFreshInstallIsRefusedBeforeAnythingChanges() throws Exception {
        node2State = "Peer Rejected";
        restoreCheck = Outcome.OUTCOME_REFUSED;
        List<FakeAgent> agents = cluster();

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> apply(Specs.STAGING));

        assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("node2 cannot take that identity back: glusterd here"
                + " is not a fresh install"), refused.getStatus().getDescription());
        assertTrue(agents.stream().flatMap(agent -> agent.received().stream())
                .noneMatch(request -> request.getMode() == Mode.MODE_APPLY), "nothing was applied");
    }

    @Test
    void nodesTheReportsShowInThePoolCostNoGlusterdRead() throws Exception {
        offline.clear();
        List<FakeAgent> agents = cluster();
        for (int i = 0; i < agents.size(); i++) {
            agents.get(i).report(Reports.healthy("node" + (i + 1)));
        }
        for (int i = 0; i < 200 && coordinator.health.lastReport("node3").isEmpty(); i++) {
            Thread.sleep(10);
        }

        apply(Specs.STAGING);

        assertTrue(agents.get(0).received().stream().noneMatch(ActionRequest::hasDescribe),
                "the manager's pool was not read again");
    }

    private static int indexOf(FakeAgent agent, Predicate<ActionRequest> which) {
        List<ActionRequest> received = agent.received();
        for (int i = 0; i < received.size(); i++) {
            if (which.test(received.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
