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
    private static final String[] REBALANCE = gluster("volume", "rebalance", "gfs", "status");
    private static final List<String> REMOVED =
            List.of("node4:/gluster/brick", "node5:/gluster/brick", "node6:/gluster/brick");
    private static final String[] REMOVAL = gluster("volume", "remove-brick", "gfs", "node4:/gluster/brick",
            "node5:/gluster/brick", "node6:/gluster/brick", "status");
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

    @Test
    void aProgressReadOfARunningRebalanceRunsTheStatusCommandAloneWithoutTheLayout() {
        runner.expect(REBALANCE).stdout(sample("volume-rebalance-status-in-progress.xml"));

        ActionResult result = describer().describe("gfs", false, false, true, List.of(), true,
                context(new FakeTicker()));

        VolumeState volume = result.getVolume();
        assertTrue(volume.getExists());
        assertTrue(volume.getLayoutUnread());
        assertEquals(0, volume.getBricksCount());
        assertTrue(volume.getRebalance().getStarted());
        assertEquals("in progress", volume.getRebalance().getStatus());
    }

    @Test
    void aProgressReadThatFindsNoRebalanceReadsTheLayoutToo() {
        runner.expect(REBALANCE).stdout(sample("volume-rebalance-status-not-started.xml"));
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(REBALANCE).stdout(sample("volume-rebalance-status-not-started.xml"));

        VolumeState volume = describer().describe("gfs", false, false, true, List.of(), true,
                context(new FakeTicker())).getVolume();

        assertFalse(volume.getLayoutUnread());
        assertEquals(BRICKS, volume.getBricksList());
        assertFalse(volume.getRebalance().getStarted());
    }

    @Test
    void aProgressReadOfAMigrationReadsItsStatusAloneAndAFailedOneReadsTheLayoutToTellBricksThatLeft() {
        runner.expect(REMOVAL).stdout(sample("volume-remove-brick-status-in-progress.xml"));
        VolumeState reading = describer().describe("gfs", false, false, false, REMOVED, true,
                context(new FakeTicker())).getVolume();
        assertTrue(reading.getLayoutUnread());
        assertEquals("in progress", reading.getRemoval().getStatus());

        runner.expect(REMOVAL).exits(1).stderr("volume remove-brick status: failed: Incorrect brick node4:/gluster/brick");
        runner.expect(INFO).stdout(sample("volume-info-started.xml"));
        runner.expect(REMOVAL).exits(1).stderr("volume remove-brick status: failed: Incorrect brick node4:/gluster/brick");
        VolumeState left = describer().describe("gfs", false, false, false, REMOVED, true,
                context(new FakeTicker())).getVolume();
        assertFalse(left.getLayoutUnread());
        assertEquals(BRICKS, left.getBricksList(), "the bricks the volume has, none of those that were removed");
        assertFalse(left.getRemovalUnread().isEmpty());
    }

    private VolumeDescriber describer() {
        return new VolumeDescriber(new CliGlusterCli(runner));
    }

    private ActionResult describe() {
        return new VolumeDescriber(new CliGlusterCli(runner)).describe("gfs", true, context(new FakeTicker()));
    }
}
