package io.brickwork.agent.steps;

import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.context;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.mount.FakeMountTable;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.Refusal;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeStepsTest {
    private static final byte[] CONTENT = "brickwork probe 42\n".getBytes(UTF_8);
    private final FakeMountTable mounts = new FakeMountTable();
    private final FakeTicker ticker = new FakeTicker();

    @TempDir
    Path mountPoint;

    @Test
    void probesNeverFollowALinkPlantedOnTheVolume() throws IOException {
        mounts.mountGlusterfs("localhost:/gfs", mountPoint);
        Path shadow = Files.writeString(mountPoint.resolve("shadow"), "root:x:0:0\n");
        Files.createSymbolicLink(mountPoint.resolve("probe"), shadow);

        ActionResult write = apply(new WriteProbeStep(mountPoint, "probe", CONTENT, mounts));
        ActionResult remove = apply(new RemoveProbeStep(mountPoint, "probe", mounts));

        assertEquals(Outcome.OUTCOME_REFUSED, write.getOutcome());
        assertEquals(Refusal.REFUSAL_FAILED_PRECONDITION, write.getRefusal());
        assertEquals(Outcome.OUTCOME_REFUSED, remove.getOutcome());
        assertEquals("root:x:0:0\n", Files.readString(shadow));
        assertTrue(Files.isSymbolicLink(mountPoint.resolve("probe")));
    }

    @Test
    void writeProbeWritesTheContentIntoTheGlusterfsMount() throws IOException {
        mounts.mountGlusterfs("localhost:/gfs", mountPoint);

        ActionResult result = apply(new WriteProbeStep(mountPoint, ".brickwork-probe", CONTENT, mounts));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(new String(CONTENT, UTF_8), Files.readString(mountPoint.resolve(".brickwork-probe")));
    }

    @Test
    void writeProbeLeavesAMatchingFileAlone() throws IOException {
        mounts.mountGlusterfs("localhost:/gfs", mountPoint);
        Files.write(mountPoint.resolve("probe"), CONTENT);

        assertEquals(Outcome.OUTCOME_UNCHANGED,
                apply(new WriteProbeStep(mountPoint, "probe", CONTENT, mounts)).getOutcome());
    }

    @Test
    void writeProbeRefusesAMountPointWithoutAGlusterfsMount() {
        ActionResult result = apply(new WriteProbeStep(mountPoint, "probe", CONTENT, mounts));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertFalse(Files.exists(mountPoint.resolve("probe")));
    }

    @Test
    void readProbeSucceedsOnceTheFileArrives() {
        mounts.mountGlusterfs("localhost:/gfs", mountPoint);
        ticker.onSleep(() -> write(mountPoint.resolve("probe"), CONTENT));

        ActionResult result = apply(new ReadProbeStep(mountPoint, "probe", CONTENT, mounts, context(ticker)));

        assertEquals(Outcome.OUTCOME_UNCHANGED, result.getOutcome());
        assertEquals(1, ticker.sleeps().size());
    }

    @Test
    void aFifoPlantedWhileTheProbeIsAwaitedFailsTheReadInsteadOfBlockingIt() {
        mounts.mountGlusterfs("localhost:/gfs", mountPoint);
        ticker.onSleep(() -> mkfifo(mountPoint.resolve("probe")));

        ActionResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> apply(
                new ReadProbeStep(mountPoint, "probe", CONTENT, mounts, context(ticker))));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertTrue(result.getFailure().getMessage().contains("not a regular file"), result.getFailure().getMessage());
    }

    @Test
    void aHugeFileOnTheVolumeIsNotReadIntoMemory() throws IOException {
        mounts.mountGlusterfs("localhost:/gfs", mountPoint);
        try (RandomAccessFile huge = new RandomAccessFile(mountPoint.resolve("probe").toFile(), "rw")) {
            huge.setLength(3L * 1024 * 1024 * 1024);
        }

        ActionResult result = apply(new ReadProbeStep(mountPoint, "probe", CONTENT, mounts,
                context(ticker, Duration.ofSeconds(1))));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertTrue(result.getFailure().getMessage().contains("last seen: " + (ProbeFile.MAX_READ_BYTES + 1) + " bytes"),
                result.getFailure().getMessage());
    }

    private static void mkfifo(Path path) {
        try {
            Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
            assertEquals(0, process.waitFor());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readProbeFailsWhenTheContentNeverArrives() {
        mounts.mountGlusterfs("localhost:/gfs", mountPoint);
        write(mountPoint.resolve("probe"), "stale".getBytes(UTF_8));

        ActionResult result = apply(new ReadProbeStep(mountPoint, "probe", CONTENT, mounts,
                context(ticker, Duration.ofSeconds(1))));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertTrue(result.getFailure().getMessage().contains("last seen: 5 bytes, different"),
                result.getFailure().getMessage());
        // Re-reads come soon at first, then no more often than the poll interval.
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(80),
                StepTests.POLL), ticker.sleeps().subList(0, 5));
    }

    @Test
    void removeProbeDeletesTheFile() {
        mounts.mountGlusterfs("localhost:/gfs", mountPoint);
        write(mountPoint.resolve("probe"), CONTENT);

        assertEquals(Outcome.OUTCOME_CHANGED, apply(new RemoveProbeStep(mountPoint, "probe", mounts)).getOutcome());
        assertFalse(Files.exists(mountPoint.resolve("probe")));
    }

    @Test
    void removeProbeOfAMissingFileIsUnchanged() {
        mounts.mountGlusterfs("localhost:/gfs", mountPoint);

        assertEquals(Outcome.OUTCOME_UNCHANGED, apply(new RemoveProbeStep(mountPoint, "probe", mounts)).getOutcome());
    }

    @Test
    void removeProbeNeverRemovesADirectory() throws IOException {
        mounts.mountGlusterfs("localhost:/gfs", mountPoint);
        Files.createDirectory(mountPoint.resolve("data"));

        assertEquals(Outcome.OUTCOME_REFUSED, apply(new RemoveProbeStep(mountPoint, "data", mounts)).getOutcome());
        assertTrue(Files.isDirectory(mountPoint.resolve("data")));
    }

    @Test
    void removeProbeRefusesWhenNothingIsMounted() {
        write(mountPoint.resolve("probe"), CONTENT);

        assertEquals(Outcome.OUTCOME_REFUSED, apply(new RemoveProbeStep(mountPoint, "probe", mounts)).getOutcome());
        assertTrue(Files.exists(mountPoint.resolve("probe")));
    }

    @Test
    void probeFileNamesCannotLeaveTheMountPoint() {
        assertThrows(IllegalArgumentException.class, () -> new RemoveProbeStep(mountPoint, "../etc", mounts));
        assertThrows(IllegalArgumentException.class, () -> new RemoveProbeStep(mountPoint, "a/b", mounts));
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
