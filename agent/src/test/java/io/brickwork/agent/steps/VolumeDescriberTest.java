package io.brickwork.agent.steps;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.VolumeState;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VolumeDescriberTest {
    private static final String[] INFO = gluster("volume", "info", "gfs");
    private static final String[] STATUS = gluster("volume", "status", "gfs");
    private static final String[] HEAL = gluster("volume", "heal", "gfs", "info", "summary");
    private static final List<String> BRICKS =
            List.of("node1:/gluster/brick", "node2:/gluster/brick", "node3:/gluster/brick");
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void withEveryBrickOnlineTheLayoutTheOnlineBricksAndEachBricksPendingCountAreRead() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(STATUS).stdout(sample("volume-status-started.xml"));
        runner.expect(HEAL).stdout(sample("heal-summary-pending.xml"));

        ActionResult result = describe();

        assertEquals(Outcome.OUTCOME_UNCHANGED, result.getOutcome(), result.toString());
        VolumeState volume = result.getVolume();
        assertTrue(volume.getExists());
        assertEquals(3, volume.getReplica());
        assertEquals(BRICKS, volume.getBricksList());
        assertEquals(BRICKS, volume.getOnlineBricksList());
        assertEquals(2, volume.getHealsCount(), "as the heal read listed them");
        assertTrue(volume.getHeals(0).getConnected());
        assertEquals(6, volume.getHeals(0).getPending());
        assertEquals("", volume.getHealUnread());
    }

    @Test
    void aBrickOfflineOrOnADisconnectedPeerSkipsTheHealReadWhichWouldWaitOnIt() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(STATUS).stdout(sample("volume-status-brick-down.xml"));

        VolumeState volume = describe().getVolume();

        assertEquals(List.of("node1:/gluster/brick"), volume.getOnlineBricksList());
        assertEquals(0, volume.getHealsCount());
        assertEquals("not read: node2:/gluster/brick, node3:/gluster/brick offline", volume.getHealUnread());
    }

    @Test
    void aMissingVolumeIsAnAnswerNotAFailure() {
        runner.expect(INFO).stdout(sample("volume-info-missing.xml"));

        ActionResult result = describe();

        assertEquals(Outcome.OUTCOME_UNCHANGED, result.getOutcome());
        assertFalse(result.getVolume().getExists());
    }

    @Test
    void aFailedHealReadKeepsTheLayoutAndSaysWhy() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(STATUS).stdout(sample("volume-status-started.xml"));
        runner.expect(HEAL).stdout(sample("heal-summary-bricks-down.xml"));

        VolumeState volume = describe().getVolume();

        assertEquals(3, volume.getBricksCount());
        assertEquals(0, volume.getHealsCount());
        assertFalse(volume.getHealUnread().isEmpty());
    }

    @Test
    void withoutHealCountsOnlyTheLayoutIsRead() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));

        VolumeState volume = new VolumeDescriber(new CliGlusterCli(runner)).describe("gfs", false,
                context(new FakeTicker())).getVolume();

        assertEquals(3, volume.getBricksCount());
        assertEquals(0, volume.getHealsCount());
    }

    @Test
    void brickStatesAloneReadTheOnlineBricksButNotTheHealCounts() {
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(STATUS).stdout(sample("volume-status-brick-down.xml"));

        ActionResult result = new VolumeDescriber(new CliGlusterCli(runner)).describe("gfs", true, false, false,
                List.of(), context(new FakeTicker()));

        assertEquals(List.of("node1:/gluster/brick"), result.getVolume().getOnlineBricksList());
        assertEquals(0, result.getVolume().getHealsCount());
        assertEquals("", result.getVolume().getHealUnread());
        assertTrue(result.getSummary().contains("offline: node2:/gluster/brick, node3:/gluster/brick"),
                result.getSummary());
    }

    private ActionResult describe() {
        return new VolumeDescriber(new CliGlusterCli(runner)).describe("gfs", true, context(new FakeTicker()));
    }
}
