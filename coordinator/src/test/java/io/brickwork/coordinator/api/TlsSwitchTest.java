package io.brickwork.coordinator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.testing.FakeAgent;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.coordinator.testing.Reports;
import io.brickwork.coordinator.testing.Results;
import io.brickwork.coordinator.testing.Specs;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Failure;
import io.brickwork.proto.agent.v1.GlusterTlsReport;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.VolumeState;
import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.ApplyFinished;
import io.brickwork.proto.coordinator.v1.ApplyRequest;
import io.brickwork.proto.coordinator.v1.PlanRequest;
import io.brickwork.proto.coordinator.v1.PlanResponse;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.brickwork.proto.coordinator.v1.StepState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A running three-node cluster without TLS whose spec now says {@code cluster.tls = true}: plan
 * names the outage, apply refuses it without allow_downtime, and with it runs the switch in
 * order and reports the downtime; a node that does not come back has the whole switch undone.
 */
class TlsSwitchTest {
    static final String TLS = Specs.STAGING.replace("nodes = [node1, node2, node3] }",
            "nodes = [node1, node2, node3], tls = true }");
    static final List<String> LAYOUT = List.of("node1:" + Reports.BRICK, "node2:" + Reports.BRICK,
            "node3:" + Reports.BRICK);

    @RegisterExtension
    final InProcessCoordinator coordinator = new InProcessCoordinator(Duration.ofMillis(500));

    /** Every change the agents were asked to make, "node/action[:detail]", in the order they ran. */
    final List<String> changes = new CopyOnWriteArrayList<>();
    final Map<String, FakeAgent> agents = new ConcurrentHashMap<>();

    /** The nodes and volume already switched (a coordinator restarted after the switch itself). */
    volatile boolean alreadySwitched;

    private Function<ActionRequest, Optional<ActionResult>> agent(String node, boolean failsToSwitchOn) {
        return request -> {
            if (alreadySwitched && (request.getActionCase() == ActionRequest.ActionCase.SWITCH_MANAGEMENT_TLS
                    || request.getActionCase() == ActionRequest.ActionCase.VOLUME_TLS)) {
                return Results.inSync().apply(request);
            }
            if (request.getActionCase() == ActionRequest.ActionCase.DESCRIBE_VOLUME) {
                return Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_UNCHANGED)
                        .setVolume(VolumeState.newBuilder().setExists(true).setReplica(3).setStatus("Started")
                                .addAllBricks(LAYOUT).addAllOnlineBricks(LAYOUT))
                        .build());
            }
            boolean switchOn = request.getActionCase() == ActionRequest.ActionCase.SWITCH_MANAGEMENT_TLS
                    && request.getSwitchManagementTls().getOn();
            if (request.getMode() == Mode.MODE_APPLY) {
                changes.add(node + "/" + describe(request));
                if (switchOn && failsToSwitchOn) {
                    return Optional.of(ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_FAILED)
                            .setSummary("glusterd did not answer after its restart")
                            .setFailure(Failure.newBuilder().setMessage("glusterd did not answer after its restart"))
                            .build());
                }
            }
            return Results.fresh().apply(request);
        };
    }

    private static String describe(ActionRequest request) {
        return switch (request.getActionCase()) {
            case SWITCH_MANAGEMENT_TLS -> "management-tls:" + (request.getSwitchManagementTls().getOn() ? "on" : "off");
            case VOLUME_STOPPED -> "stop";
            case VOLUME_STARTED -> "start";
            case VOLUME_TLS -> request.getVolumeTls().getOff() ? "volume-tls:off" : "volume-tls";
            case VOLUME_OPTION -> "option:" + request.getVolumeOption().getKey() + "="
                    + request.getVolumeOption().getValue();
            case REMOUNT -> "remount";
            default -> request.getActionCase().name().toLowerCase();
        };
    }

    private void cluster(String failing) throws Exception {
        for (int k = 1; k <= 3; k++) {
            String node = "node" + k;
            FakeAgent agent = coordinator.connect(node, "10.213.0.1" + k, agent(node, node.equals(failing)));
            agent.report(Reports.healthy(node).toBuilder().setGlusterTls(GlusterTlsReport.newBuilder()
                    .setManagement(false).addPlainVolumes(Reports.VOLUME)).build());
            agents.put(node, agent);
        }
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (String node : agents.keySet()) {
            while (coordinator.health.lastReport(node).isEmpty() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
        }
    }

    private List<ApplyEvent> apply(boolean allowDowntime) {
        List<ApplyEvent> events = new ArrayList<>();
        coordinator.api().apply(ApplyRequest.newBuilder().setSpec(TLS).setSkipVerify(true)
                .setAllowDowntime(allowDowntime).build()).forEachRemaining(events::add);
        return events;
    }

    private static ApplyFinished finished(List<ApplyEvent> events) {
        return events.stream().filter(ApplyEvent::hasFinished).map(ApplyEvent::getFinished).findFirst()
                .orElseThrow(() -> new AssertionError("no result: " + events));
    }

    @Test
    void planNamesTheOutageInsteadOfRefusingStepsThatTheSwitchMakesTrue() throws Exception {
        cluster("");

        PlanResponse plan = coordinator.api().plan(PlanRequest.newBuilder().setSpec(TLS).build());

        StepReport first = plan.getSteps(0);
        assertEquals("tls-switch", first.getStep());
        assertEquals(StepState.STEP_STATE_WILL_CHANGE, first.getState());
        assertTrue(first.getSummary().contains("outage of volume staging-gfs of about"), first.getSummary());
        assertTrue(first.getSummary().contains("--allow-downtime"), first.getSummary());
        assertTrue(plan.getStepsList().stream().noneMatch(step -> step.getStep().equals("gluster-tls")
                || step.getStep().startsWith("volume-tls:")), plan.toString());
        assertEquals(List.of(), changes);
    }

    @Test
    void applyWithoutAllowDowntimeIsRefusedWithThePlansExplanationAndChangesNothing() throws Exception {
        cluster("");

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> apply(false));

        assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().startsWith("refused, nothing was changed: switching this"
                + " running cluster to TLS needs an outage"), refused.getStatus().getDescription());
        assertEquals(List.of(), changes);
    }

    @Test
    void applyWithAllowDowntimeStopsSwitchesEveryNodeStartsRemountsAndReportsTheDowntime() throws Exception {
        cluster("");

        List<ApplyEvent> events = apply(true);

        ApplyFinished finished = finished(events);
        assertTrue(finished.getSuccess(), finished.toString());
        assertTrue(finished.getDowntimeMs() > 0, finished.toString());
        assertEquals(List.of("node1/stop", "node1/management-tls:on", "node2/management-tls:on",
                "node3/management-tls:on", "node1/volume-tls", "node1/start", "node1/remount", "node2/remount",
                "node3/remount"), changes.subList(0, 9));
    }

    @Test
    void aNodeThatDoesNotComeBackHasTheWholeSwitchUndone() throws Exception {
        cluster("node2");

        List<ApplyEvent> events = apply(true);

        ApplyFinished finished = finished(events);
        assertFalse(finished.getSuccess(), finished.toString());
        assertEquals("management-tls", finished.getFirstFailure().getStep());
        assertEquals("node2", finished.getFirstFailure().getNode());
        assertTrue(finished.getFirstFailure().getSummary().contains("undone: TLS is off again"),
                finished.getFirstFailure().getSummary());
        assertTrue(finished.getDowntimeMs() > 0, finished.toString());
        assertEquals(List.of("node1/stop", "node1/management-tls:on", "node2/management-tls:on",
                "node1/stop", "node1/management-tls:off", "node2/management-tls:off", "node3/management-tls:off",
                "node1/volume-tls:off", "node1/start", "node1/remount",
                "node2/remount", "node3/remount"), changes);
    }

    @Test
    void aSwitchFoundDoneOnlyStartsTheVolumeAndRemountsWithoutStoppingItAgain() throws Exception {
        alreadySwitched = true;
        cluster("");

        ApplyFinished finished = finished(apply(true));

        assertTrue(finished.getSuccess(), finished.toString());
        assertEquals(List.of("node1/start", "node1/remount", "node2/remount", "node3/remount"), changes.subList(0, 4));
        assertFalse(changes.contains("node1/stop"), changes.toString());
    }
}
