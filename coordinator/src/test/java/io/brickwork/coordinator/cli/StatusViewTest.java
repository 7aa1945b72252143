package io.brickwork.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.proto.coordinator.v1.BrickStatus;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.Health;
import io.brickwork.proto.coordinator.v1.VolumeStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StatusViewTest {
    private static GetStatusResponse withHealth(Health health) {
        return GetStatusResponse.newBuilder().setCluster("staging").setHealth(health).build();
    }

    @Test
    void exitCodeIsZeroHealthyThreeDegradedFourFailed() {
        assertEquals(0, StatusView.exitCode(withHealth(Health.HEALTH_HEALTHY)));
        assertEquals(3, StatusView.exitCode(withHealth(Health.HEALTH_DEGRADED)));
        assertEquals(4, StatusView.exitCode(withHealth(Health.HEALTH_FAILED)));
        assertEquals(3, StatusView.exitCode(withHealth(Health.HEALTH_UNSPECIFIED)), "unknown is not healthy");
    }

    @Test
    void problemsAndHealBacklogArePrintedWithoutColorsOffATerminal() {
        GetStatusResponse status = withHealth(Health.HEALTH_DEGRADED).toBuilder()
                .addVolumes(VolumeStatus.newBuilder().setName("staging-gfs").setReplica(3)
                        .setHealth(Health.HEALTH_DEGRADED)
                        .addBrickStatus(BrickStatus.newBuilder().setBrick("node2:/gluster/brick").setNode("node2")
                                .setOnline(true).setPort(49152).setHealPending(42)))
                .addProblems("staging-gfs: 42 entries pending heal on node2:/gluster/brick")
                .build();
        StringWriter text = new StringWriter();

        new StatusView(false).print(new PrintWriter(text, true), status);

        assertTrue(text.toString().contains("DEGRADED"), text.toString());
        assertTrue(text.toString().contains("42"), text.toString());
        assertTrue(text.toString().contains("problem: staging-gfs: 42 entries pending heal"), text.toString());
        assertFalse(text.toString().contains("\u001b["), "no escape codes when not on a terminal");
    }
}
