package io.brickwork.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base image of the booted machines (lab/machines/machines.sh build), as CI meets it: lab/test.sh
 * builds it in the background, and LabMachinesTest's `up` must fail with that build's log when it
 * failed, not hang or boot from half an image.
 */
@Tag("lab-machines")
class MachinesImageTest {
    // Nothing listens on the discard port: debootstrap fails at once, at the release file.
    static final String DEAD_MIRROR = "http://127.0.0.1:9/debian";

    @TempDir
    Path dir;

    @Test
    void aFailedImageBuildFailsUpWithItsLogAndMakesNoMachine() throws IOException {
        Machines machines = new Machines(Lab.repo(), Map.of("BWM_DIR", dir.toString(), "BWM_MIRROR", DEAD_MIRROR));

        Lab.Result build = machines.script(Duration.ofMinutes(2), "build");
        assertNotEquals(0, build.exitCode(), build.toString());
        assertTrue(build.stderr().contains("the base image build failed twice"), build.toString());
        assertTrue(build.stdout().contains("attempt 2"), "tried again: " + build);

        Lab.Result up = machines.script(Duration.ofMinutes(1), "up", "3");
        assertNotEquals(0, up.exitCode(), up.toString());
        assertTrue(up.stderr().contains("the base image build failed; its log"), up.toString());
        assertTrue(up.stderr().contains("E: Failed getting release file " + DEAD_MIRROR), "the log's lines: " + up);
        assertTrue(up.stderr().contains("lab/machines/machines.sh build tries again"), up.toString());

        assertFalse(Files.exists(dir.resolve("machines")), "no machine made");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(Files::isDirectory).toList(), "no image, no half-built image");
        }
    }
}
