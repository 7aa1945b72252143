package io.brickwork.coordinator.health.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brickwork.proto.coordinator.v1.ProblemKind;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The sentences people read: the one place tests compare problem text. */
class ProblemTextTest {
    private static final String VOLUME = "staging-gfs";
    private static final String BRICK = "node2:/gluster/brick";
    private static final String TIMED_OUT = "glusterd state (get-state): no answer within 3000 ms";

    private static void says(String sentence, Problem problem) {
        assertEquals(sentence, ProblemText.of(problem));
    }

    @Test
    void nodesSayWhatIsMissingAndForHowLong() {
        says("nothing has been applied yet", Problem.nothingApplied());
        says("node3: agent not connected", Problem.agentNotConnected("node3"));
        says("node2: no report for 10 s", Problem.nodeStale("node2", 10));
        says("node2: no report for 16 s (agent stream open)", Problem.nodeNotReporting("node2", 16));
        says("node3: glusterd not running", Problem.glusterdNotRunning("node3", OptionalLong.empty()));
        says("node3: glusterd not running (last read 7 s ago)", Problem.glusterdNotRunning("node3", OptionalLong.of(7)));
        says("node2: glusterd state unknown (not read for 20 s)", Problem.glusterdUnknown("node2", OptionalLong.of(20)));
        says("node2: glusterd state unknown (not read since it connected)",
                Problem.glusterdUnknown("node2", OptionalLong.empty()));
        says("peer node3 is disconnected (seen from node1)", Problem.peerDisconnected("node1", "node3"));
        says("node1: " + TIMED_OUT, Problem.agentError("node1", TIMED_OUT));
    }

    @Test
    void bricksSayWhetherTheyAreOfflineOrOnlyNotRead() {
        says("staging-gfs: brick node2:/gluster/brick is offline",
                Problem.brickOffline(VOLUME, "node2", BRICK, OptionalLong.empty()));
        says("staging-gfs: brick node2:/gluster/brick is offline (last read 4 s ago)",
                Problem.brickOffline(VOLUME, "node2", BRICK, OptionalLong.of(4)));
        says("staging-gfs: brick node2:/gluster/brick state unknown (no report from node2 yet)",
                Problem.brickNotReportedYet(VOLUME, "node2", BRICK));
        says("staging-gfs: brick node2:/gluster/brick state unknown (not read: " + TIMED_OUT + ")",
                Problem.brickNeverRead(VOLUME, "node2", BRICK, TIMED_OUT));
        says("staging-gfs: brick node2:/gluster/brick state unknown (not read for 20 s: " + TIMED_OUT + ")",
                Problem.brickTooOld(VOLUME, "node2", BRICK, OptionalLong.of(20), Optional.of(TIMED_OUT)));
        says("staging-gfs: brick node2:/gluster/brick state unknown (not read since it connected: no answer)",
                Problem.brickTooOld(VOLUME, "node2", BRICK, OptionalLong.empty(), Optional.empty()));
        says("staging-gfs: brick node2:/gluster/brick state not read for 5 s (" + TIMED_OUT + "); last known online",
                Problem.brickStale(VOLUME, "node2", BRICK, 5, Optional.of(TIMED_OUT)));
    }

    @Test
    void healsSayTheCountAndWhetherItIsALastKnownOne() {
        says("staging-gfs: 42 entries pending heal on node2:/gluster/brick",
                Problem.healPending(VOLUME, "node2", BRICK, 42, false));
        says("staging-gfs: 42 entries pending heal on node2:/gluster/brick (last known count)",
                Problem.healPending(VOLUME, "node2", BRICK, 42, true));
        says("staging-gfs: 3 files in split-brain on node2:/gluster/brick",
                Problem.splitBrain(VOLUME, "node2", BRICK, 3, false));
        says("staging-gfs: quorum lost, 1 of 3 bricks online in replica set node1:/gluster/brick, "
                + "node2:/gluster/brick, node3:/gluster/brick", Problem.quorumLost(VOLUME,
                        List.of("node1:/gluster/brick", "node2:/gluster/brick", "node3:/gluster/brick"), 1));
    }

    @Test
    void mountsSayWhereContainersWouldWrite() {
        says("node1: /mnt not mounted — containers would write to local disk",
                Problem.mount(ProblemKind.PROBLEM_KIND_NOT_MOUNTED, "node1", VOLUME, "/mnt", ""));
        says("node1: /mnt is not responding (hung mount)",
                Problem.mount(ProblemKind.PROBLEM_KIND_MOUNT_HUNG, "node1", VOLUME, "/mnt", "localhost:/staging-gfs"));
        says("node1: /mnt has another file system mounted (/dev/sdb1), not the gluster volume — containers would"
                + " write to it instead",
                Problem.mount(ProblemKind.PROBLEM_KIND_MOUNT_WRONG_FS, "node1", VOLUME, "/mnt", "/dev/sdb1"));
        says("node1: /mnt has another file system mounted, not the gluster volume — containers would write to it"
                + " instead", Problem.mount(ProblemKind.PROBLEM_KIND_MOUNT_WRONG_FS, "node1", VOLUME, "/mnt", ""));
        says("node1: /mnt has localhost:/other mounted, not volume staging-gfs",
                Problem.mount(ProblemKind.PROBLEM_KIND_MOUNT_WRONG_VOLUME, "node1", VOLUME, "/mnt", "localhost:/other"));
        says("node1: /mnt mount state unknown",
                Problem.mount(ProblemKind.PROBLEM_KIND_MOUNT_UNKNOWN, "node1", VOLUME, "/mnt", ""));
    }
}
