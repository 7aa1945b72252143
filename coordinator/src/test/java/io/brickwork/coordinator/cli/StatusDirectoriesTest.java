package io.brickwork.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.testing.MutableClock;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusDirectoriesTest {
    @Test
    void statusListsTheAppliedApplicationDirectoriesPerVolume() {
        HealthModel model = new HealthModel(new MutableClock(Instant.parse("2025-01-01T00:00:00Z")), Duration.ofSeconds(5));
        model.specApplied(SpecParser.parse("""
                cluster { name = staging, nodes = [node1, node2, node3] }
                volumes = [{ name = staging-gfs, replica = 3, brick = "/gluster/brick",
                  directories = [{ path = dogtracker, owner = 1000, group = 1000, mode = "0750" }] }]
                """, "test"));

        GetStatusResponse status = model.status();
        StringWriter text = new StringWriter();
        new StatusView(false).print(new PrintWriter(text, true), status);

        assertTrue(status.getVolumes(0).getDirectoriesList().equals(List.of("dogtracker 1000:1000 0750")), status.toString());
        assertTrue(text.toString().contains("directories on the volume: dogtracker 1000:1000 0750"), text.toString());
    }
}
