package io.brickwork.agent.steps;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.gluster.GlusterdStore;
import io.brickwork.agent.mount.FakeMountTable;
import io.brickwork.agent.ownership.FakeOwnership;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.MountFact;
import io.brickwork.proto.agent.v1.NodeFacts;
import io.brickwork.proto.agent.v1.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeDescriberTest {
    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final FakeMountTable mounts = new FakeMountTable();
    private final FakeOwnership ownership = new FakeOwnership().withGroup("docker");

    @TempDir
    Path mountPoint;

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void describesPeersVolumesAndMounts() throws IOException {
        Files.createDirectories(mountPoint.resolve("glusterd"));
        Files.writeString(mountPoint.resolve("glusterd/glusterd.info"),
                "UUID=8ee1de47-3b90-4ba5-8e32-8ed9f763428b\noperating-version=100000\n");
        runner.expect(gluster("pool", "list")).stdout(sample("pool-list.xml"));
        runner.expect(gluster("peer", "status")).stdout(sample("peer-status-disconnected.xml"));
        runner.expect(gluster("volume", "info")).stdout(sample("volume-info-all.xml"));
        mounts.mountGlusterfs("localhost:/gfs", mountPoint);
        ownership.owned(mountPoint, "root", "docker");

        ActionResult result = describe(List.of(mountPoint, Path.of("/brickwork/not/mounted")));

        assertEquals(Outcome.OUTCOME_UNCHANGED, result.getOutcome());
        NodeFacts facts = result.getFacts();
        assertTrue(facts.getGlusterdRunning());
        assertEquals("8ee1de47-3b90-4ba5-8e32-8ed9f763428b", facts.getGlusterdUuid());
        assertEquals(2, facts.getPeersCount());
        assertFalse(facts.getPeers(1).getConnected());
        assertEquals(List.of("gfs", "other"), facts.getVolumesList().stream().map(v -> v.getName()).toList());
        assertEquals(3, facts.getVolumes(0).getReplica());
        MountFact mounted = facts.getMounts(0);
        assertTrue(mounted.getMounted());
        assertEquals("fuse.glusterfs", mounted.getFsType());
        assertEquals("localhost:/gfs", mounted.getSource());
        assertEquals("docker", mounted.getGroup());
        assertTrue(mounted.getSizeBytes() > 0);
        assertFalse(facts.getMounts(1).getMounted());
        assertEquals("glusterd answering; 2 peers; 2 volumes; 1 of 2 mount points mounted", result.getSummary());
    }

    @Test
    void aSilentGlusterdIsAFactNotAFailure() {
        runner.expect(gluster("pool", "list")).exits(1).stdout(sample("no-glusterd-stdout.txt"));

        ActionResult result = describe(List.of());

        assertEquals(Outcome.OUTCOME_UNCHANGED, result.getOutcome());
        assertFalse(result.getFacts().getGlusterdRunning());
        assertEquals(0, result.getFacts().getPeersCount());
    }

    private ActionResult describe(List<Path> mountPoints) {
        return new NodeDescriber(new CliGlusterCli(runner), mounts, ownership,
                new GlusterdStore(mountPoint.resolve("glusterd"))).describe(mountPoints, context(new FakeTicker()));
    }
}
