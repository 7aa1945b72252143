package io.brickwork.coordinator.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.testing.MutableClock;
import io.brickwork.coordinator.testing.Reports;
import io.brickwork.proto.agent.v1.Hello;
import io.brickwork.proto.common.v1.MountState;
import io.brickwork.proto.coordinator.v1.StorageLabel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StorageLabelerTest {
    static final ClusterSpec SPEC = SpecParser.parse("""
            cluster { name = staging, manager = node1, nodes = [node1, node2, node3] }
            volumes = [{ name = staging-gfs, replica = 3, brick = "/gluster/brick", force = true }]
            """, "test");
    static final String KEY = "brickwork.storage.staging-gfs";
    static final List<String> NODES = List.of("node1", "node2", "node3");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final HealthModel model = new HealthModel(clock, Duration.ofSeconds(5));
    private final FakeSwarmApi swarm = new FakeSwarmApi()
            .node("node1", "10.0.0.1", true, Map.of("other", "kept"))
            .node("node2.example.org", "10.0.0.2", false, Map.of())
            .node("node3", "10.0.0.3", false, Map.of())
            .node("gpu-box", "10.0.0.9", false, Map.of(KEY, "ready"));
    private final StorageLabeler labeler = new StorageLabeler(model, swarm,
            Executors.newSingleThreadScheduledExecutor(), Duration.ofSeconds(10));

    @BeforeEach
    void allHealthy() {
        model.specApplied(SPEC);
        for (String node : NODES) {
            model.connected("s-" + node, Hello.newBuilder().setNodeName(node).addAddresses("10.0.0." + node.charAt(4))
                    .build(), clock.millis());
            model.reported(node, "s-" + node, Reports.healthy(node));
        }
    }

    @Test
    void readyNodesGetTheLabelOtherLabelsStayAndANodeOutsideTheSpecLosesIt() throws SwarmException {
        labeler.reconcile();

        assertEquals(Map.of("other", "kept", KEY, "ready"), swarm.labels("node1"));
        assertEquals(Map.of(KEY, "ready"), swarm.labels("node2.example.org"));
        assertEquals(Map.of(KEY, "ready"), swarm.labels("node3"));
        assertEquals(Map.of(), swarm.labels("gpu-box"));
    }

    @Test
    void aMissingMountRemovesTheLabelAndItsReturnPutsItBack() throws SwarmException {
        labeler.reconcile();

        model.reported("node3", "s-node3", Reports.mount("node3", MountState.MOUNT_STATE_NOT_MOUNTED));
        labeler.reconcile();
        assertEquals(Map.of(), swarm.labels("node3"));

        model.reported("node3", "s-node3", Reports.healthy("node3"));
        labeler.reconcile();
        assertEquals(Map.of(KEY, "ready"), swarm.labels("node3"));
    }

    @Test
    void anAgentReportingAnotherNodesAddressCannotDrawThatNodesLabel() throws SwarmException {
        model.connected("s-node2-lying", Hello.newBuilder().setNodeName("node2").addAddresses("10.0.0.3")
                .addAddresses("10.0.0.2").build(), clock.millis());
        model.reported("node2", "s-node2-lying", Reports.healthy("node2"));
        model.reported("node3", "s-node3", Reports.mount("node3", MountState.MOUNT_STATE_NOT_MOUNTED));

        labeler.reconcile();

        assertEquals(Map.of(), swarm.labels("node3"));
        assertEquals(Map.of(KEY, "ready"), swarm.labels("node2.example.org"));
    }

    @Test
    void aHungMountIsNotReady() throws SwarmException {
        model.reported("node2", "s-node2", Reports.mount("node2", MountState.MOUNT_STATE_HUNG));

        labeler.reconcile();

        assertEquals(Map.of(), swarm.labels("node2.example.org"));
    }

    @Test
    void aNodeThatStopsReportingLosesTheLabel() throws SwarmException {
        labeler.reconcile();

        clock.advance(Duration.ofSeconds(11));
        model.reported("node1", "s-node1", Reports.healthy("node1"));
        model.reported("node2", "s-node2", Reports.healthy("node2"));
        labeler.reconcile();

        assertEquals(Map.of(), swarm.labels("node3"));
        assertEquals(Map.of(KEY, "ready"), swarm.labels("node2.example.org"));
    }

    @Test
    void aSecondPassChangesNothing() throws SwarmException {
        labeler.reconcile();
        int changes = swarm.changes().size();

        labeler.reconcile();

        assertEquals(changes, swarm.changes().size());
        assertEquals(4, labeler.state().changes());
        assertEquals(List.of(true, true, true),
                labeler.state().labels().stream().map(StorageLabel::getLabelled).toList());
        assertEquals("node2.example.org", labeler.state().labels().get(1).getSwarmNode());
    }

    @Test
    void nothingIsLabelledBeforeASpecIsApplied() throws SwarmException {
        StorageLabeler fresh = new StorageLabeler(new HealthModel(clock, Duration.ofSeconds(5)), swarm,
                Executors.newSingleThreadScheduledExecutor(), Duration.ofSeconds(10));

        fresh.reconcile();

        assertEquals(List.of(), swarm.changes());
    }

    @Test
    void aStatusChangeTriggersAPassWithinAFewSeconds() throws InterruptedException {
        labeler.start();
        try {
            awaitLabel("node3", true);
            model.reported("node3", "s-node3", Reports.mount("node3", MountState.MOUNT_STATE_NOT_MOUNTED));
            awaitLabel("node3", false);
        } finally {
            labeler.stop();
        }
        assertTrue(swarm.closed);
    }

    @Test
    void statusShowsEachNodesReadinessAndLabel() throws InterruptedException {
        model.reported("node3", "s-node3", Reports.mount("node3", MountState.MOUNT_STATE_HUNG));
        labeler.start();
        try {
            awaitLabel("node1", true);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (model.status().getStorageLabelsCount() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            List<StorageLabel> labels = model.status().getStorageLabelsList();
            assertEquals(3, labels.size(), model.status().toString());
            StorageLabel node3 = labels.get(2);
            assertEquals("node3", node3.getNode());
            assertEquals("staging-gfs", node3.getVolume());
            assertEquals(false, node3.getReady());
            assertEquals(false, node3.getLabelled());
            assertEquals("/mnt MOUNT_STATE_HUNG", node3.getReason());
            assertEquals(true, labels.get(0).getLabelled());
        } finally {
            labeler.stop();
        }
        assertEquals(0, model.status().getStorageLabelsCount());
    }

    @Test
    void anUnreachableSwarmIsRecordedNotThrown() {
        swarm.failWith(new SwarmException("cannot reach Docker at unix:///nowhere"));
        labeler.requestReconcile();
        labeler.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (labeler.state().error().map(e -> !e.contains("nowhere")).orElse(true) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            labeler.stop();
        }
        assertTrue(labeler.state().error().orElse("").contains("unix:///nowhere"), labeler.state().toString());
    }

    private void awaitLabel(String node, boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (swarm.labels(node).containsKey(KEY) != present) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(node + " label " + (present ? "never set" : "never removed") + ": "
                        + swarm.changes());
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aWithdrawnNodeLosesItsLabelAtOnceKeepsItOffUntilReadmittedAndTheOthersKeepTheirs() throws Exception {
        labeler.reconcile();

        long removed = labeler.withdraw(java.util.Set.of("node3"), Duration.ofSeconds(10));

        assertEquals(1, removed);
        assertEquals(Map.of(), swarm.labels("node3"));
        assertEquals(Map.of(KEY, "ready"), swarm.labels("node2.example.org"));
        labeler.reconcile();
        assertEquals(Map.of(), swarm.labels("node3"), "still healthy, still withdrawn");

        labeler.readmit(java.util.Set.of("node3"));
        labeler.reconcile();
        assertEquals(Map.of(KEY, "ready"), swarm.labels("node3"));
    }
}
