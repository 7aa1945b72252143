package io.brickwork.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.BrickHealProgress;
import io.brickwork.proto.coordinator.v1.HealProgress;
import io.brickwork.proto.coordinator.v1.OperationEvent;
import io.brickwork.proto.coordinator.v1.OperationState;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class OperationViewTest {
    @Test
    void theFirstEventNamesTheOperationAndHowToDetachThenHealProgressShowsEntriesLeftPerBrickRateAndTimeLeft() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        OperationView view = new OperationView();
        OperationEvent.Builder operation = OperationEvent.newBuilder().setOperationId("3f2a9c1d")
                .setState(OperationState.OPERATION_STATE_RUNNING);

        view.print(out, ApplyEvent.newBuilder().setOperation(operation.setMessage("replace node3 with node7")).build());
        view.print(out, ApplyEvent.newBuilder().setOperation(operation.setHeal(HealProgress.newBuilder()
                .setVolume("gfs")
                .addBricks(BrickHealProgress.newBuilder().setBrick("node1:/b").setPending(120).setConnected(true))
                .addBricks(BrickHealProgress.newBuilder().setBrick("node7:/b").setConnected(true))
                .setEntriesPerSecond(40).setSecondsLeft(3))).build());
        out.flush();

        assertEquals("""
                operation 3f2a9c1d (Ctrl-C detaches, the operation goes on; `brickwork operations watch 3f2a9c1d` \
                re-attaches)
                  ...   replace node3 with node7
                  heal  gfs: 120 entries left (node1:/b 120, node7:/b 0) — 40.0 entries/s, about 3 s left
                """, text.toString());
    }
}
