package io.brickwork.agent.gluster;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.RecordingCommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CliGlusterCliTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final CliGlusterCli cli = new CliGlusterCli(runner);

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void readsPeerStatus() throws CommandException {
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-two-peers.xml"));

        assertEquals(List.of("node2", "10.214.0.13"), cli.peerStatus(TIMEOUT).stream().map(Peer::hostname).toList());
    }

    @Test
    void aMissingVolumeIsEmptyNotAnError() throws CommandException {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));

        assertEquals(Optional.empty(), cli.volumeInfo("gfs", TIMEOUT));
    }

    @Test
    void readsAnExistingVolume() throws CommandException {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-started.xml"));

        assertEquals("c3233a83-7896-4424-ba7c-c05ebca019de", cli.volumeInfo("gfs", TIMEOUT).orElseThrow().id());
    }

    @Test
    void listsAllVolumes() throws CommandException {
        runner.expect(gluster("volume", "info")).stdout(sample("volume-info-all.xml"));

        assertEquals(2, cli.volumes(TIMEOUT).size());
    }

    @Test
    void tellsAFreshProbeFromAKnownPeerAndFromLocalhost() throws CommandException {
        runner.expect(gluster("peer", "probe", "node2")).stdout(sample("peer-probe-node2.xml"));
        runner.expect(gluster("peer", "probe", "node2")).stdout(sample("peer-probe-again.xml"));
        runner.expect(gluster("peer", "probe", "node1")).stdout(sample("peer-probe-localhost.xml"));

        assertEquals(ProbeResult.PROBED, cli.probe("node2", TIMEOUT));
        assertEquals(ProbeResult.ALREADY_PEER, cli.probe("node2", TIMEOUT));
        assertEquals(ProbeResult.LOCALHOST, cli.probe("node1", TIMEOUT));
    }

    @Test
    void aFailedProbeCarriesGlustersReasonAlthoughTheExitCodeIsZero() {
        runner.expect(gluster("peer", "probe", "node9")).stdout(sample("peer-probe-unreachable.xml"));

        GlusterCommandException failure = assertThrows(GlusterCommandException.class, () -> cli.probe("node9", TIMEOUT));

        assertEquals("Probe returned with Transport endpoint is not connected", failure.opErrstr());
        assertEquals("Probe returned with Transport endpoint is not connected", failure.stderr());
        assertEquals("gluster peer probe node9 failed: Probe returned with Transport endpoint is not connected",
                failure.getMessage());
    }

    @Test
    void createsAReplicatedVolumeWithBricksInOrderAndForce() throws CommandException {
        runner.expect(gluster("volume", "create", "gfs", "replica", "3", "node1:/gluster/brick",
                "node2:/gluster/brick", "node3:/gluster/brick", "force")).stdout(sample("volume-create.xml"));

        cli.createVolume("gfs", 3, 0, List.of("node1:/gluster/brick", "node2:/gluster/brick", "node3:/gluster/brick"),
                true, TIMEOUT);
    }

    @Test
    void createsAnArbiterVolumeWithReplicaThreeArbiterOne() throws CommandException {
        runner.expect(gluster("volume", "create", "gfs", "replica", "3", "arbiter", "1", "node1:/gluster/brick",
                "node2:/gluster/brick", "node3:/gluster/brick", "force")).stdout(sample("volume-create.xml"));

        cli.createVolume("gfs", 3, 1, List.of("node1:/gluster/brick", "node2:/gluster/brick", "node3:/gluster/brick"),
                true, TIMEOUT);
    }

    @Test
    void createsASingleBrickVolumeWithoutTheReplicaKeyword() throws CommandException {
        runner.expect(gluster("volume", "create", "solo", "node1:/gluster/solo")).stdout(sample("volume-create.xml"));

        cli.createVolume("solo", 1, 0, List.of("node1:/gluster/solo"), false, TIMEOUT);
    }

    @Test
    void aRefusedCreateCarriesGlustersReason() {
        runner.expect(gluster("volume", "create", "gfs", "replica", "3", "node1:/gluster/brick",
                "node2:/gluster/brick", "node3:/gluster/brick")).stdout(sample("volume-create-needs-force.xml"));

        GlusterCommandException failure = assertThrows(GlusterCommandException.class, () -> cli.createVolume("gfs", 3, 0,
                List.of("node1:/gluster/brick", "node2:/gluster/brick", "node3:/gluster/brick"), false, TIMEOUT));

        assertTrue(failure.opErrstr().contains("root partition"), failure.opErrstr());
    }

    @Test
    void startsAVolume() throws CommandException {
        runner.expect(gluster("volume", "start", "gfs")).stdout(sample("volume-start.xml"));

        cli.startVolume("gfs", TIMEOUT);
    }

    @Test
    void glusterdAnswersWhenPoolListSucceeds() throws CommandException {
        runner.expect(gluster("pool", "list")).stdout(sample("pool-list-alone.xml"));

        assertTrue(cli.answers(TIMEOUT));
    }

    @Test
    void glusterdDoesNotAnswerWhenTheCliCannotConnect() throws CommandException {
        runner.expect(gluster("pool", "list")).exits(1).stdout(sample("no-glusterd-stdout.txt"));

        assertFalse(cli.answers(TIMEOUT));
    }

    @Test
    void glusterdDoesNotAnswerWhenTheCliTimesOut() throws CommandException {
        runner.expect(gluster("pool", "list")).timesOut();

        assertFalse(cli.answers(TIMEOUT));
    }

    @Test
    void anUnreachableGlusterdIsACommandFailureWithItsMessage() {
        runner.expect(gluster("peer", "status")).exits(1).stdout(sample("no-glusterd-stdout.txt"));

        CommandFailedException failure = assertThrows(CommandFailedException.class, () -> cli.peerStatus(TIMEOUT));

        assertEquals("gluster exited 1: Connection failed. Please check if gluster daemon is operational.",
                failure.getMessage());
        assertEquals(1, failure.exitCode().orElseThrow());
    }

    @Test
    void unexpectedOutputIsReportedAsSuch() {
        runner.expect(gluster("peer", "status")).stdout("<cliOutput><opRet>0</opRet></cliOutput>");

        assertThrows(GlusterOutputException.class, () -> cli.peerStatus(TIMEOUT));
    }

    @Test
    void readsAVolumeOption() throws CommandException {
        runner.expect(gluster("volume", "get", "gfs", "auth.allow")).stdout(sample("volume-get-auth-allow.xml"));

        assertEquals("10.0.0.*,node1", cli.volumeOption("gfs", "auth.allow", TIMEOUT));
    }

    @Test
    void volumeGetOnAMissingVolumeFailsWithGlustersReason() {
        runner.expect(gluster("volume", "get", "nosuch", "auth.allow")).exits(1)
                .stdout(sample("volume-get-missing.xml"));

        GlusterCommandException e = assertThrows(GlusterCommandException.class,
                () -> cli.volumeOption("nosuch", "auth.allow", TIMEOUT));
        assertEquals("Volume nosuch does not exist", e.opErrstr());
    }

    @Test
    void setsAVolumeOptionAsOneArgvElement() throws CommandException {
        runner.expect(gluster("volume", "set", "gfs", "auth.allow", "10.0.0.*,node1")).stdout(sample("volume-set.xml"));

        cli.setVolumeOption("gfs", "auth.allow", "10.0.0.*,node1", TIMEOUT);
    }

    @Test
    void aRejectedOptionValueFailsEvenThoughGlusterExitsZero() {
        runner.expect(gluster("volume", "set", "gfs", "auth.allow", "bad;x")).stdout(sample("volume-set-invalid.xml"));

        GlusterCommandException e = assertThrows(GlusterCommandException.class,
                () -> cli.setVolumeOption("gfs", "auth.allow", "bad;x", TIMEOUT));
        assertTrue(e.opErrstr().contains("is not a valid internet-address-list"), e.opErrstr());
    }

    @Test
    void healSummaryReadsOneVolume() throws Exception {
        runner.expect(gluster("volume", "heal", "vol1", "info", "summary")).stdout(sample("heal-summary-clean.xml"));

        List<BrickHeal> heals = cli.healSummary("vol1", Duration.ofSeconds(5));

        assertEquals(List.of("node1:/gluster/b1", "node2:/gluster/b1"), heals.stream().map(BrickHeal::brick).toList());
    }

    @Test
    void healSummaryOfAVolumeWhoseBricksAreDownFailsWithGlustersReason() {
        runner.expect(gluster("volume", "heal", "vol1", "info", "summary")).exits(251)
                .stdout(sample("heal-summary-bricks-down.xml"));

        GlusterCommandException e = assertThrows(GlusterCommandException.class,
                () -> cli.healSummary("vol1", Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("Not able to fetch volfile"), e.getMessage());
    }

    @Test
    void aCommandMetByAnotherTransactionIsTriedAgainAsGlusterAsks() throws Exception {
        runner.expect(gluster("volume", "start", "gfs")).stdout(sample("volume-start-busy.xml"));
        runner.expect(gluster("volume", "start", "gfs")).stdout(sample("volume-start.xml"));

        cli.startVolume("gfs", TIMEOUT);

        assertEquals(2, runner.calls().size());
    }

    @Test
    void aLockThatOutlastsTheTimeoutFailsWithGlustersReason() {
        runner.expect(gluster("volume", "start", "gfs")).stdout(sample("volume-start-busy.xml"));

        GlusterCommandException failure = assertThrows(GlusterCommandException.class,
                () -> cli.startVolume("gfs", CliGlusterCli.FIRST_LOCK_RETRY));

        assertTrue(failure.opErrstr().contains("Another transaction is in progress"), failure.opErrstr());
        assertEquals(1, runner.calls().size(), "no time left for a second try");
    }

    @Test
    void readsTheRebalanceStatusPerNodeAndInAll() throws CommandException {
        runner.expect(gluster("volume", "rebalance", "gfs", "status")).stdout(sample("volume-rebalance-status-completed.xml"));

        RebalanceStatus status = cli.rebalanceStatus("gfs", TIMEOUT).orElseThrow();

        assertEquals("8d966f0d-c26b-4b13-bd09-1a9981d0995a", status.taskId());
        assertEquals(new RebalanceStatus.Node("aggregate", "completed", 162, 605, 504, 0, 0, 6.0), status.aggregate());
        assertEquals(List.of("node3", "node4", "localhost"), status.nodes().stream().map(RebalanceStatus.Node::node).toList());
        assertEquals(80, status.nodes().get(0).files());
    }

    @Test
    void aVolumeThatNeverRebalancedHasNoStatusRatherThanAnError() throws CommandException {
        runner.expect(gluster("volume", "rebalance", "gfs", "status")).stdout(sample("volume-rebalance-status-not-started.xml"));

        assertEquals(Optional.empty(), cli.rebalanceStatus("gfs", TIMEOUT));
    }

    @Test
    void addsBricksWithTheReplicaCountAndForceAsAsked() throws CommandException {
        runner.expect(gluster("volume", "add-brick", "gfs", "replica", "2", "node3:/b", "node4:/b"))
                .stdout(sample("volume-add-brick.xml"));

        cli.addBricks("gfs", 2, 0, List.of("node3:/b", "node4:/b"), false, TIMEOUT);
    }

    @Test
    void aRefusedAddBrickIsAnErrorAlthoughTheExitCodeIsZero() {
        runner.expect(gluster("volume", "add-brick", "gfs", "replica", "2", "node3:/b", "node4:/b", "force"))
                .stdout(sample("volume-add-brick-prevalidation-failed.xml"));

        GlusterCommandException failure = assertThrows(GlusterCommandException.class,
                () -> cli.addBricks("gfs", 2, 0, List.of("node3:/b", "node4:/b"), true, TIMEOUT));

        assertTrue(failure.opErrstr().startsWith("Pre Validation failed on node1"), failure.opErrstr());
    }
}
